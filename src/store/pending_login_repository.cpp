// Every SQL statement about logins waiting for an identity provider's answer (issue 12). take() deletes and
// returns in one statement, so two answers with the same RelayState, on one node or two, cannot both find it.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {

void SqlPendingLoginRepository::add(const federation::PendingLogin& login) {
  int level = static_cast<int>(login.level);
  long long created = to_unix(login.created_at), expires = to_unix(login.expires_at);
  sql_ << "INSERT INTO pending_logins (relay_hash, request_id, idp_entity_id, level, browser_hash, return_path, "
          "created_at, expires_at) VALUES (:relay, :request, :idp, :level, :browser, :back, :created, :expires)",
      soci::use(login.relay_hash, "relay"), soci::use(login.request_id, "request"),
      soci::use(login.idp_entity_id, "idp"), soci::use(level, "level"), soci::use(login.browser_hash, "browser"),
      soci::use(login.return_path, "back"), soci::use(created, "created"), soci::use(expires, "expires");
}

std::optional<federation::PendingLogin> SqlPendingLoginRepository::take(const std::string& relay_hash) {
  soci::row r;
  sql_ << "DELETE FROM pending_logins WHERE relay_hash = :relay RETURNING relay_hash, request_id, idp_entity_id, "
          "level, browser_hash, return_path, created_at, expires_at",
      soci::use(relay_hash, "relay"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  federation::PendingLogin login;
  login.relay_hash = r.get<std::string>("relay_hash");
  login.request_id = r.get<std::string>("request_id");
  login.idp_entity_id = r.get<std::string>("idp_entity_id");
  login.level = static_cast<federation::SpidLevel>(read_integer(r, "level"));
  login.browser_hash = r.get<std::string>("browser_hash");
  login.return_path = r.get<std::string>("return_path");
  login.created_at = read_instant_column(r, "created_at");
  login.expires_at = read_instant_column(r, "expires_at");
  return login;
}

int SqlPendingLoginRepository::purge_expired(Instant now) {
  long long at = to_unix(now);
  soci::statement st = (sql_.prepare << "DELETE FROM pending_logins WHERE expires_at < :now", soci::use(at, "now"));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace sportello
