// Every SQL statement about recovery tickets.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {

std::int64_t SqlRecoveryRepository::insert(const RecoveryTicket& t) {
  long long id = 0, citizen = t.citizen_id, created = to_unix(t.created_at), expires = to_unix(t.expires_at);
  soci::statement st = (sql_.prepare << "INSERT INTO recovery_tickets (citizen_id, token_hash, code_hash, created_at, "
                                        "expires_at, used_at, wrong_codes) VALUES (:citizen, :token, :code, :created, "
                                        ":expires, NULL, 0) RETURNING id",
                        soci::use(citizen, "citizen"), soci::use(t.token_hash, "token"), soci::use(t.code_hash, "code"),
                        soci::use(created, "created"), soci::use(expires, "expires"), soci::into(id));
  st.execute(true);
  return id;
}

std::optional<RecoveryTicket> SqlRecoveryRepository::find_by_token_hash(const std::string& token_hash) {
  soci::row r;
  sql_ << "SELECT id, citizen_id, token_hash, code_hash, created_at, expires_at, used_at, wrong_codes "
          "FROM recovery_tickets WHERE token_hash = :token",
      soci::use(token_hash, "token"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return RecoveryTicket{read_integer(r, "id"),
                        read_integer(r, "citizen_id"),
                        r.get<std::string>("token_hash"),
                        r.get<std::string>("code_hash"),
                        read_instant_column(r, "created_at"),
                        read_instant_column(r, "expires_at"),
                        read_optional_instant(r, "used_at"),
                        static_cast<int>(read_integer(r, "wrong_codes"))};
}

void SqlRecoveryRepository::update(const RecoveryTicket& t) {
  NullableInstant used(t.used_at);
  long long id = t.id;
  int wrong = t.wrong_codes;
  sql_ << "UPDATE recovery_tickets SET used_at = :used, wrong_codes = :wrong WHERE id = :id",
      soci::use(used.seconds, used.ind, "used"), soci::use(wrong, "wrong"), soci::use(id, "id");
}

int SqlRecoveryRepository::end_unused_for(std::int64_t citizen_id, Instant now) {
  long long citizen = citizen_id, at = to_unix(now);
  soci::statement st = (sql_.prepare << "UPDATE recovery_tickets SET used_at = :now WHERE citizen_id = :citizen "
                                        "AND used_at IS NULL",
                        soci::use(at, "now"), soci::use(citizen, "citizen"));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

void SqlRecoveryRepository::queue_request(const std::string& sealed, Instant received_at) {
  long long at = to_unix(received_at);
  sql_ << "INSERT INTO recovery_requests (received_at, sealed) VALUES (:at, :sealed)", soci::use(at, "at"),
      soci::use(sealed, "sealed");
}

std::vector<std::pair<std::int64_t, std::string>> SqlRecoveryRepository::queued_requests(int limit) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT id, sealed FROM recovery_requests ORDER BY id LIMIT :limit", soci::use(limit, "limit"));
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const soci::row& r : rows) out.emplace_back(read_integer(r, "id"), r.get<std::string>("sealed"));
  return out;
}

bool SqlRecoveryRepository::take_request(std::int64_t id) {
  long long key = id;
  soci::statement st = (sql_.prepare << "DELETE FROM recovery_requests WHERE id = :id", soci::use(key, "id"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace sportello
