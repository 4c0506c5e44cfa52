#pragma once
// A real App for tests: a fresh database (SQLite, or PostgreSQL when SPORTELLO_TEST_POSTGRES names a server:
// support/test_database.h) and key in a temporary folder, small Argon2 parameters, and a ManualClock that
// tests move instead of sleeping. Header-only so each test binary that links sportello_app
// can use it.
#include <gtest/gtest.h>

#include <memory>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/codice_fiscale.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace sportello::testing {

// 2026-01-31 09:00 UTC (10:00 in Rome): a 31st, so calendar-month rules show.
inline Instant test_start() { return Instant{std::chrono::sys_days{std::chrono::year{2026} / 1 / 31}} + Hours{9}; }

inline Config test_config(const TempDir& dir, const TestDatabase& database) {
  Config config;
  config.database.url = database.url();
  config.outbox.key_file = dir / "outbox.key";
  config.audit.key_file = dir / "audit.key";
  config.audit.signing_key_file = dir / "audit-signing.key";
  config.audit.checkpoint_file = dir / "audit-checkpoints.log";
  if (const char* data = std::getenv("SPORTELLO_DATA_DIR")) config.reference.data_dir = data;
  config.argon2.memory_kib = 8192;  // the lowest the configuration allows: tests hash a lot
  config.argon2.iterations = 1;
  return config;
}

class AppFixture : public ::testing::Test {
 protected:
  void SetUp() override { open(base_config()); }

  Config base_config() const { return test_config(dir_, database_); }

  void open(const Config& config) {
    app_.reset();
    auto opened = App::open(config, clock_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    app_ = std::move(*opened);
  }

  FlowContext& ctx() { return app_->context(); }
  ManualClock& clock() { return *clock_; }
  Instant now() { return clock_->now(); }

  TempDir dir_;
  TestDatabase database_;  // outlives app_, whose connections close first
  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>(test_start());
  std::unique_ptr<App> app_;
};

}  // namespace sportello::testing
