#include "store/sql_unit_of_work.h"

#include <soci/soci.h>

#include "core/store_failure.h"
#include "store/sql_repositories.h"

namespace sportello {
namespace {

void begin(soci::session& sql, Dialect dialect) {
  if (dialect == Dialect::sqlite) sql << "BEGIN IMMEDIATE";
  else sql << "BEGIN";
}

void roll_back_quietly(soci::session& sql) {
  try {
    sql << "ROLLBACK";
  } catch (...) {
    // The connection may already be out of the transaction; nothing more to undo.
  }
}

}  // namespace

Status SqlUnitOfWork::run(const Work& work) {
  Database::Lease lease(*db_);
  soci::session& sql = lease.session();
  try {
    begin(sql, db_->dialect());
  } catch (const std::exception& e) {
    return Error::unavailable(std::string("The database is not available: ") + e.what());
  }
  try {
    SqlRepositories repos(sql);
    Status result = work(repos);
    if (!result) {
      roll_back_quietly(sql);
      return result;
    }
    sql << "COMMIT";
    return result;
  } catch (const std::exception& e) {
    roll_back_quietly(sql);
    return Error::unavailable(std::string("The change was not saved: ") + e.what());
  }
}

}  // namespace sportello
