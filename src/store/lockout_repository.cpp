// Every SQL statement about lockout counters.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {

LockoutState SqlLockoutRepository::find(const std::string& codice_fiscale) {
  soci::row row;
  sql_ << "SELECT failures, blocked_until FROM lockouts WHERE codice_fiscale = :cf", soci::use(codice_fiscale, "cf"),
      soci::into(row);
  if (!sql_.got_data()) return {};
  return {static_cast<int>(read_integer(row, "failures")), read_instant_column(row, "blocked_until")};
}

LockoutState SqlLockoutRepository::record_failure(const std::string& codice_fiscale, bool known,
                                                  const LockoutPolicy& policy, Instant now) {
  // One statement increments, so two concurrent failures both count on either database.
  int failures = 0;
  int known_flag = known ? 1 : 0;
  soci::statement st = (sql_.prepare << "INSERT INTO lockouts (codice_fiscale, failures, blocked_until, known) "
                                        "VALUES (:cf, 1, 0, :known) ON CONFLICT (codice_fiscale) DO UPDATE SET "
                                        "failures = lockouts.failures + 1, known = excluded.known RETURNING failures",
                        soci::use(codice_fiscale, "cf"), soci::use(known_flag, "known"), soci::into(failures));
  st.execute(true);
  const LockoutState state{failures, now + policy.block_for(failures)};
  long long until = to_unix(state.blocked_until);
  sql_ << "UPDATE lockouts SET blocked_until = :until WHERE codice_fiscale = :cf", soci::use(until, "until"),
      soci::use(codice_fiscale, "cf");
  return state;
}

void SqlLockoutRepository::reset(const std::string& codice_fiscale) {
  sql_ << "DELETE FROM lockouts WHERE codice_fiscale = :cf", soci::use(codice_fiscale, "cf");
}

int SqlLockoutRepository::purge_unknown(Instant now) {
  long long at = to_unix(now);
  soci::statement st = (sql_.prepare << "DELETE FROM lockouts WHERE known = 0 AND blocked_until <= :now",
                        soci::use(at, "now"));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace sportello
