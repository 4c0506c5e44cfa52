#pragma once
// What every repository test of store/ starts from: a migrated database of its own (SQLite, or PostgreSQL
// when SPORTELLO_TEST_POSTGRES names a server: support/test_database.h) and a unit of work on it, keyed with a
// fixed test audit key.
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "audit/audit_key.h"
#include "store/database.h"
#include "store/migrator.h"
#include "store/sql_unit_of_work.h"
#include "support/test_database.h"

namespace sportello::testing {

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::open(database_.url(), 2);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = *opened;
    ASSERT_TRUE(Migrator(*db_).migrate().ok());
  }
  // One transaction on the repositories.
  Status run(const std::function<Status(Repositories&)>& work) { return SqlUnitOfWork(db_, audit_key_).run(work); }

  std::shared_ptr<const AuditKey> audit_key_ =
      std::make_shared<const AuditKey>(AuditKey::from_key(std::string(32, 'k')).value());
  TestDatabase database_;
  std::shared_ptr<Database> db_;  // closed before database_ is dropped
};

}  // namespace sportello::testing
