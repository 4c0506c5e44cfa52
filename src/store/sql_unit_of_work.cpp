#include "store/sql_unit_of_work.h"

#include <soci/soci.h>

#include "core/store_failure.h"
#include "store/sql_repositories.h"

namespace sportello {
namespace {

enum class Mode { write, read };

// SQLite reads run in autocommit: each statement sees a committed state, which is all the read-only
// flows need, and the two extra round trips per request are saved.
bool explicit_transaction(Dialect dialect, Mode mode) { return !(dialect == Dialect::sqlite && mode == Mode::read); }

// The key of the advisory lock every PostgreSQL write transaction holds until it ends ("SPOR").
constexpr long long kWriterLock = 0x53504F52;

// Write transactions run one at a time on either database (decision 0016): SQLite's BEGIN IMMEDIATE takes its
// write lock at once; on PostgreSQL, shared by several nodes, each takes one advisory lock at its start, released
// at COMMIT or ROLLBACK (so pgbouncer in transaction mode keeps it right). The flows and the audit chain, which
// every write extends from its head, were written for that order. Reads take no lock.
void begin(soci::session& sql, Dialect dialect, Mode mode) {
  if (dialect == Dialect::sqlite) {
    sql << "BEGIN IMMEDIATE";
  } else if (mode == Mode::write) {
    sql << "BEGIN";
    sql << "SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLock) + ")";
  } else {
    sql << "BEGIN READ ONLY";
  }
}

// Opens `sql` again when its connection has failed (the PostgreSQL server restarted, or a failover moved the
// primary); true when it did. SOCI's is_connected() costs a round trip, so it is asked only after a failure.
bool reopen_if_dropped(soci::session& sql) {
  try {
    if (sql.is_connected()) return false;
    sql.reconnect();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

void roll_back_quietly(soci::session& sql) {
  try {
    sql << "ROLLBACK";
  } catch (...) {
    // The connection may already be out of the transaction; nothing more to undo.
  }
}

Status run_in_transaction(Database& db, const AuditKey* audit_key, Mode mode, const UnitOfWork::Work& work) {
  std::unique_lock<std::mutex> one_writer;  // taken before the lease, so a waiting writer holds no connection
  if (db.dialect() == Dialect::sqlite && mode == Mode::write) one_writer = std::unique_lock(db.sqlite_writer());
  Database::Lease lease(db);
  soci::session& sql = lease.session();
  const bool transaction = explicit_transaction(db.dialect(), mode);
  try {
    if (transaction) begin(sql, db.dialect(), mode);
  } catch (const std::exception& e) {
    if (transaction) roll_back_quietly(sql);  // a BEGIN that went through, before its lock failed
    // A connection the server dropped since its last use (a restart, a failover) fails here, before any work:
    // open it again and begin once more. Without this every pooled connection stayed dead until the process
    // restarted.
    bool begun = false;
    if (transaction && reopen_if_dropped(sql)) {
      try {
        begin(sql, db.dialect(), mode);
        begun = true;
      } catch (const std::exception&) {
        roll_back_quietly(sql);
      }
    }
    if (!begun) return Error::unavailable(std::string("The database is not available: ") + e.what());
  }
  try {
    SqlRepositories repos(sql, audit_key);
    Status result = work(repos);
    if (!result) {
      if (transaction) roll_back_quietly(sql);
      return result;
    }
    if (transaction) sql << "COMMIT";
    return result;
  } catch (const std::exception& e) {
    if (transaction) roll_back_quietly(sql);
    return Error::unavailable(std::string("The change was not saved: ") + e.what());
  }
}

}  // namespace

Status SqlUnitOfWork::run(const Work& work) {
  Status result = run_in_transaction(*db_, audit_key_.get(), Mode::write, work);
  note_commit();  // also after a rollback: cheaper than knowing, and it only makes cached reads look again
  return result;
}
Status SqlUnitOfWork::read(const Work& work) { return run_in_transaction(*db_, audit_key_.get(), Mode::read, work); }

}  // namespace sportello
