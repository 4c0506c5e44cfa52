// Every SQL statement about lockout counters (citizens' codes, and staff usernames under "staff:"). The rule
// of LockoutPolicy::forgotten is written once more here, in the one statement that counts an attempt, so that
// it is atomic on SQLite and PostgreSQL alike; tests/unit/store/lockout_repository_test.cpp holds the
// repository to LockoutPolicy::after_failure.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

LockoutState state_of(const soci::row& row) {
  return {static_cast<int>(read_integer(row, "failures")), read_instant_column(row, "blocked_until"),
          read_instant_column(row, "last_failure_at")};
}

}  // namespace

LockoutState SqlLockoutRepository::find(const std::string& key) {
  soci::row row;
  sql_ << "SELECT failures, blocked_until, last_failure_at FROM lockouts WHERE attempt_key = :key",
      soci::use(key, "key"), soci::into(row);
  if (!sql_.got_data()) return {};
  return state_of(row);
}

LockoutAttempt SqlLockoutRepository::reserve_attempt(const std::string& key, const LockoutPolicy& policy,
                                                     Instant now) {
  // One statement counts, so two concurrent attempts both count on either database, and an attempt that
  // finds the key blocked (by a concurrent one, say) counts nothing and returns no row. The block is then set
  // in the same transaction: SQLite runs one writer at a time, and PostgreSQL holds the row's lock from the
  // upsert to the commit, so a concurrent attempt sees the count and its block together.
  long long at = to_unix(now);
  long long at_2 = at, at_3 = at, at_4 = at;
  long long forget_before = to_unix(now - policy.reset_after());
  int failures = 0;
  soci::indicator found = soci::i_null;
  sql_ << "INSERT INTO lockouts (attempt_key, failures, blocked_until, last_failure_at) VALUES (:key, 1, :at, :at_2) "
          "ON CONFLICT (attempt_key) DO UPDATE SET "
          "failures = CASE WHEN lockouts.last_failure_at <= :forget THEN 1 ELSE lockouts.failures + 1 END, "
          "last_failure_at = :at_3 "
          "WHERE lockouts.blocked_until <= :at_4 "
          "RETURNING failures",
      soci::use(key, "key"), soci::use(at, "at"), soci::use(at_2, "at_2"), soci::use(forget_before, "forget"),
      soci::use(at_3, "at_3"), soci::use(at_4, "at_4"), soci::into(failures, found);
  if (!sql_.got_data() || found != soci::i_ok) return {false, find(key)};
  LockoutState state{failures, now + policy.block_for(failures), now};
  if (policy.locked_for_good(state)) state.blocked_until = kLockedForGood;
  long long until = to_unix(state.blocked_until);
  sql_ << "UPDATE lockouts SET blocked_until = :until WHERE attempt_key = :key", soci::use(until, "until"),
      soci::use(key, "key");
  return {true, state};
}

void SqlLockoutRepository::reset(const std::string& key) {
  sql_ << "DELETE FROM lockouts WHERE attempt_key = :key", soci::use(key, "key");
}

int SqlLockoutRepository::purge_forgotten(const LockoutPolicy& policy, Instant now) {
  long long at = to_unix(now);
  long long forget_before = to_unix(now - policy.reset_after());
  soci::statement st = (sql_.prepare << "DELETE FROM lockouts WHERE blocked_until <= :at AND last_failure_at <= :forget",
                        soci::use(at, "at"), soci::use(forget_before, "forget"));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace sportello
