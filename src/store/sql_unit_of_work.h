#pragma once
// UnitOfWork over a Database: each run() leases a connection, opens a transaction (BEGIN IMMEDIATE on
// SQLite, so writers queue instead of failing half-way), hands the SQL repositories to the work, and
// commits only when it returns Ok; read() does the same without the write lock. Any exception from the driver rolls back and becomes
// ErrorKind::unavailable. Audit rows are keyed with the audit key it was given; without one (tools that only
// read, some store tests) appending an audit row fails the transaction. Thread-safe.
#include <memory>

#include "core/clock.h"
#include "flows/unit_of_work.h"
#include "store/database.h"

namespace sportello {

class SqlUnitOfWork final : public UnitOfWork {
 public:
  explicit SqlUnitOfWork(std::shared_ptr<Database> db, std::shared_ptr<const AuditKey> audit_key = nullptr)
      : db_(std::move(db)), audit_key_(std::move(audit_key)) {}
  Status run(const Work& work) override;
  Status read(const Work& work) override;
  Database& database() { return *db_; }

 private:
  std::shared_ptr<Database> db_;
  std::shared_ptr<const AuditKey> audit_key_;
};

}  // namespace sportello
