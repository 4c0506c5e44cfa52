#pragma once
// UnitOfWork over a Database: each run() leases a connection, opens a transaction (BEGIN IMMEDIATE on
// SQLite, so writers queue instead of failing half-way), hands the SQL repositories to the work, and
// commits only when it returns Ok; read() does the same without the write lock. Any exception from the driver rolls back and becomes
// ErrorKind::unavailable. Thread-safe.
#include <memory>

#include "core/clock.h"
#include "flows/unit_of_work.h"
#include "store/database.h"

namespace sportello {

class SqlUnitOfWork final : public UnitOfWork {
 public:
  explicit SqlUnitOfWork(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Status run(const Work& work) override;
  Status read(const Work& work) override;
  Database& database() { return *db_; }

 private:
  std::shared_ptr<Database> db_;
};

}  // namespace sportello
