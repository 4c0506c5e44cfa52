#pragma once
// The database a test runs on. By default a fresh SQLite file in a temporary folder. When the environment
// names a PostgreSQL server, SPORTELLO_TEST_POSTGRES="postgresql://USER@/{db}?host=SOCKET_DIR&port=PORT" (any
// libpq URL with "{db}" where the database name goes), a fresh database of its own is created on that
// server for the test and dropped after it, so the same repository and flow tests run on both backends.
#include <string>

#include "support/temp_dir.h"

namespace sportello::testing {

class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();  // drops the PostgreSQL database; close every connection to it first
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }  // what database.url takes
  bool postgresql() const { return !name_.empty(); }

 private:
  TempDir dir_;
  std::string name_;  // the PostgreSQL database; empty for SQLite
  std::string url_;
};

}  // namespace sportello::testing
