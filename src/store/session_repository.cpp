// Every SQL statement about sessions.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {

std::int64_t SqlSessionRepository::insert(const Session& s) {
  long long id = 0, subject = s.subject_id, created = to_unix(s.created_at), seen = to_unix(s.last_seen_at);
  const std::string kind = to_string(s.subject_kind), level = to_string(s.level), action = to_string(s.required_action);
  soci::statement st = (sql_.prepare << "INSERT INTO sessions (token_hash, subject_kind, subject_id, level, "
                                        "required_action, role, created_at, last_seen_at, ended_at, end_reason, method, "
                                        "provider, name_id, session_index) VALUES (:token, :kind, :subject, :level, "
                                        ":action, :role, :created, :seen, NULL, '', :method, :provider, :name_id, "
                                        ":session_index) RETURNING id",
                        soci::use(s.token_hash, "token"), soci::use(kind, "kind"), soci::use(subject, "subject"),
                        soci::use(level, "level"), soci::use(action, "action"), soci::use(s.role, "role"),
                        soci::use(created, "created"), soci::use(seen, "seen"), soci::use(s.method, "method"),
                        soci::use(s.provider, "provider"), soci::use(s.name_id, "name_id"),
                        soci::use(s.session_index, "session_index"), soci::into(id));
  st.execute(true);
  return id;
}

std::optional<Session> SqlSessionRepository::find_by_token_hash(const std::string& token_hash) {
  soci::row r;
  sql_ << "SELECT id, token_hash, subject_kind, subject_id, level, required_action, role, created_at, last_seen_at, "
          "ended_at, end_reason, method, provider, name_id, session_index FROM sessions WHERE token_hash = :token",
      soci::use(token_hash, "token"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  Session s;
  s.id = read_integer(r, "id");
  s.token_hash = r.get<std::string>("token_hash");
  s.subject_kind = parse_subject_kind(r.get<std::string>("subject_kind")).value_or(SubjectKind::citizen);
  s.subject_id = read_integer(r, "subject_id");
  s.level = parse_level(r.get<std::string>("level")).value_or(Level::ordinario);
  s.required_action = parse_required_action(r.get<std::string>("required_action")).value_or(RequiredAction::none);
  s.role = r.get<std::string>("role");
  s.created_at = read_instant_column(r, "created_at");
  s.last_seen_at = read_instant_column(r, "last_seen_at");
  s.ended_at = read_optional_instant(r, "ended_at");
  s.end_reason = r.get<std::string>("end_reason");
  s.method = r.get<std::string>("method");
  s.provider = r.get<std::string>("provider");
  s.name_id = r.get<std::string>("name_id");
  s.session_index = r.get<std::string>("session_index");
  return s;
}

void SqlSessionRepository::touch(std::int64_t id, Instant now) {
  long long key = id, seen = to_unix(now);
  sql_ << "UPDATE sessions SET last_seen_at = :seen WHERE id = :id", soci::use(seen, "seen"), soci::use(key, "id");
}

void SqlSessionRepository::end(std::int64_t id, const std::string& reason, Instant now) {
  long long key = id, at = to_unix(now);
  sql_ << "UPDATE sessions SET ended_at = :at, end_reason = :reason WHERE id = :id AND ended_at IS NULL",
      soci::use(at, "at"), soci::use(reason, "reason"), soci::use(key, "id");
}

int SqlSessionRepository::end_all_for(SubjectKind kind, std::int64_t subject_id, const std::string& reason,
                                      Instant now, std::int64_t keep_id) {
  long long subject = subject_id, at = to_unix(now), keep = keep_id;
  const std::string kind_name = to_string(kind);
  soci::statement st = (sql_.prepare << "UPDATE sessions SET ended_at = :at, end_reason = :reason WHERE "
                                        "subject_kind = :kind AND subject_id = :subject AND ended_at IS NULL "
                                        "AND id <> :keep",
                        soci::use(at, "at"), soci::use(reason, "reason"), soci::use(kind_name, "kind"),
                        soci::use(subject, "subject"), soci::use(keep, "keep"));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

void SqlSessionRepository::set_required_action(std::int64_t id, RequiredAction action) {
  long long key = id;
  const std::string name = to_string(action);
  sql_ << "UPDATE sessions SET required_action = :action WHERE id = :id", soci::use(name, "action"),
      soci::use(key, "id");
}

int SqlSessionRepository::end_federated(const std::string& provider, const std::string& name_id,
                                        const std::string& session_index, const std::string& reason, Instant now) {
  long long at = to_unix(now);
  const std::string any_index = session_index.empty() ? "1" : "0";
  soci::statement st = (sql_.prepare << "UPDATE sessions SET ended_at = :at, end_reason = :reason WHERE provider = "
                                        ":provider AND name_id = :name_id AND (:any = '1' OR session_index = :index) "
                                        "AND ended_at IS NULL",
                        soci::use(at, "at"), soci::use(reason, "reason"), soci::use(provider, "provider"),
                        soci::use(name_id, "name_id"), soci::use(any_index, "any"), soci::use(session_index, "index"));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace sportello
