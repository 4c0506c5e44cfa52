// Every SQL statement about allowances. One upsert counts a use, so that concurrent requests (and nodes, on
// PostgreSQL, where the row stays locked until commit) never grant more than the limit.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {

AllowanceUse SqlAllowanceRepository::take(const std::string& action, const std::string& key,
                                          const Allowance& allowance, Instant now) {
  if (allowance.limit <= 0) return {false, now + allowance.window};
  long long at = to_unix(now), at_2 = at;
  long long ended_before = to_unix(now - allowance.window), ended_before_2 = ended_before, ended_before_3 = ended_before;
  int limit = allowance.limit;
  int used = 0;
  soci::indicator got = soci::i_null;
  // A window that began at or before `now - window` has ended: the use opens a new one. Otherwise a use is
  // added while below the limit; at the limit the WHERE fails, nothing changes and no row comes back.
  sql_ << "INSERT INTO allowances (action, allowance_key, window_start, used) VALUES (:action, :key, :at, 1) "
          "ON CONFLICT (action, allowance_key) DO UPDATE SET "
          "used = CASE WHEN allowances.window_start <= :ended THEN 1 ELSE allowances.used + 1 END, "
          "window_start = CASE WHEN allowances.window_start <= :ended_2 THEN :at_2 ELSE allowances.window_start END "
          "WHERE allowances.window_start <= :ended_3 OR allowances.used < :limit "
          "RETURNING used",
      soci::use(action, "action"), soci::use(key, "key"), soci::use(at, "at"), soci::use(ended_before, "ended"),
      soci::use(ended_before_2, "ended_2"), soci::use(at_2, "at_2"), soci::use(ended_before_3, "ended_3"),
      soci::use(limit, "limit"), soci::into(used, got);
  if (sql_.got_data() && got == soci::i_ok) return {true, {}};
  long long started = 0;
  sql_ << "SELECT window_start FROM allowances WHERE action = :action AND allowance_key = :key",
      soci::use(action, "action"), soci::use(key, "key"), soci::into(started);
  return {false, from_unix(started) + allowance.window};
}

int SqlAllowanceRepository::purge_ended(Seconds longest_window, Instant now) {
  long long before = to_unix(now - longest_window);
  soci::statement st =
      (sql_.prepare << "DELETE FROM allowances WHERE window_start <= :before", soci::use(before, "before"));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace sportello
