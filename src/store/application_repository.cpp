// Every SQL statement about applications, their events and attachments. The checked fields are stored as
// one JSON array ([{"name": ..., "values": [...]}]): they are always read whole, never searched.
#include <soci/soci.h>

#include <boost/json.hpp>

#include "core/digest.h"
#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

namespace json = boost::json;

std::string fields_json(const std::vector<ApplicationField>& fields) {
  json::array out;
  for (const ApplicationField& f : fields) {
    json::array values;
    for (const std::string& v : f.values) values.emplace_back(v);
    out.push_back(json::object{{"name", f.name}, {"values", values}});
  }
  return json::serialize(out);
}

std::vector<ApplicationField> fields_from(const std::string& text) {
  std::vector<ApplicationField> fields;
  const json::value parsed = json::parse(text);
  for (const json::value& v : parsed.as_array()) {
    const json::object& o = v.as_object();
    ApplicationField f{std::string(o.at("name").as_string()), {}};
    for (const json::value& value : o.at("values").as_array()) f.values.emplace_back(value.as_string());
    fields.push_back(std::move(f));
  }
  return fields;
}

constexpr const char* kApplicationColumns =
    "SELECT id, citizen_id, type, state, protocol, submitted_at, idempotency_key, handler, filed_through FROM applications ";

Application header_from(const soci::row& r) {
  Application a;
  a.id = read_integer(r, "id");
  a.citizen_id = read_integer(r, "citizen_id");
  a.type = parse_application_type(r.get<std::string>("type")).value_or(ApplicationType::naspi);
  a.state = parse_application_state(r.get<std::string>("state")).value_or(ApplicationState::inviata);
  a.protocol = r.get<std::string>("protocol");
  a.submitted_at = read_instant_column(r, "submitted_at");
  a.idempotency_key = r.get<std::string>("idempotency_key");
  a.handler = r.get<std::string>("handler");
  a.filed_through = r.get<std::string>("filed_through");
  return a;
}

}  // namespace

std::int64_t SqlApplicationRepository::next_protocol_sequence(int year) {
  soci::statement bump = (sql_.prepare << "UPDATE protocol_sequences SET last_value = last_value + 1 WHERE year = :year",
                          soci::use(year, "year"));
  bump.execute(true);
  if (bump.get_affected_rows() == 0) {
    sql_ << "INSERT INTO protocol_sequences (year, last_value) VALUES (:year, 1)", soci::use(year, "year");
    return 1;
  }
  long long last = 0;
  sql_ << "SELECT last_value FROM protocol_sequences WHERE year = :year", soci::use(year, "year"), soci::into(last);
  return last;
}

std::int64_t SqlApplicationRepository::insert(const Application& a) {
  long long id = 0, citizen = a.citizen_id, submitted = to_unix(a.submitted_at);
  int year = static_cast<int>(rome_date(a.submitted_at).year());
  const std::string type = to_string(a.type), state = to_string(a.state), fields = fields_json(a.fields);
  soci::statement st = (sql_.prepare << "INSERT INTO applications (citizen_id, type, state, protocol, filed_year, "
                                        "submitted_at, idempotency_key, fields, handler, filed_through) VALUES (:citizen, :type, "
                                        ":state, :protocol, :year, :submitted, :ikey, :fields, :handler, :through) "
                                        "RETURNING id",
                        soci::use(citizen, "citizen"), soci::use(type, "type"), soci::use(state, "state"),
                        soci::use(a.protocol, "protocol"), soci::use(year, "year"), soci::use(submitted, "submitted"),
                        soci::use(a.idempotency_key, "ikey"), soci::use(fields, "fields"), soci::use(a.handler, "handler"),
                        soci::use(a.filed_through, "through"), soci::into(id));
  st.execute(true);
  Application stored = a;
  stored.id = id;
  stored.events.clear();
  for (const ApplicationEvent& e : a.events) {
    stored.events.push_back(e);
    add_event(stored.id, static_cast<int>(stored.events.size()), e);
  }
  return id;
}

void SqlApplicationRepository::add_event(std::int64_t application_id, int seq, const ApplicationEvent& e) {
  long long id = application_id, at = to_unix(e.at);
  const std::string state = to_string(e.state);
  sql_ << "INSERT INTO application_events (application_id, seq, state, at, actor, reason) VALUES (:app, :seq, :state, "
          ":at, :actor, :reason)",
      soci::use(id, "app"), soci::use(seq, "seq"), soci::use(state, "state"), soci::use(at, "at"),
      soci::use(e.actor, "actor"), soci::use(e.reason, "reason");
}

std::int64_t SqlApplicationRepository::add_attachment(std::int64_t application_id, const AttachmentInfo& info,
                                                      const std::string& bytes) {
  long long id = 0, app = application_id, size = static_cast<long long>(info.size);
  const std::string content = base64url_encode(bytes);
  soci::statement st = (sql_.prepare << "INSERT INTO application_attachments (application_id, name, media_type, sha256, "
                                        "size_bytes, content_base64) VALUES (:app, :name, :type, :sha, :size, :content) "
                                        "RETURNING id",
                        soci::use(app, "app"), soci::use(info.name, "name"), soci::use(info.media_type, "type"),
                        soci::use(info.sha256, "sha"), soci::use(size, "size"), soci::use(content, "content"),
                        soci::into(id));
  st.execute(true);
  return id;
}

void SqlApplicationRepository::load_details(Application& a, bool with_fields) {
  long long id = a.id;
  if (with_fields) {
    std::string fields;
    sql_ << "SELECT fields FROM applications WHERE id = :id", soci::use(id, "id"), soci::into(fields);
    a.fields = fields_from(fields);
    soci::rowset<soci::row> files = (sql_.prepare << "SELECT id, name, media_type, sha256, size_bytes FROM "
                                                     "application_attachments WHERE application_id = :id ORDER BY id",
                                     soci::use(id, "id"));
    for (const soci::row& r : files)
      a.attachments.push_back({read_integer(r, "id"), r.get<std::string>("name"), r.get<std::string>("media_type"),
                               r.get<std::string>("sha256"), static_cast<std::uint64_t>(read_integer(r, "size_bytes"))});
  }
  soci::rowset<soci::row> events = (sql_.prepare << "SELECT state, at, actor, reason FROM application_events WHERE "
                                                    "application_id = :id ORDER BY seq",
                                    soci::use(id, "id"));
  for (const soci::row& r : events)
    a.events.push_back({parse_application_state(r.get<std::string>("state")).value_or(ApplicationState::inviata),
                        read_instant_column(r, "at"), r.get<std::string>("actor"), r.get<std::string>("reason")});
}

std::optional<Application> SqlApplicationRepository::find_where(const std::string& condition, long long a, long long b,
                                                                const std::string* key) {
  soci::row r;
  if (key)
    sql_ << std::string(kApplicationColumns) + condition, soci::use(a, "a"), soci::use(*key, "k"), soci::into(r);
  else if (b != 0)
    sql_ << std::string(kApplicationColumns) + condition, soci::use(a, "a"), soci::use(b, "b"), soci::into(r);
  else
    sql_ << std::string(kApplicationColumns) + condition, soci::use(a, "a"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  Application found = header_from(r);
  load_details(found, true);
  return found;
}

std::optional<Application> SqlApplicationRepository::find(std::int64_t id) {
  return find_where("WHERE id = :a", id, 0, nullptr);
}

std::optional<Application> SqlApplicationRepository::find_for_citizen(std::int64_t citizen_id, std::int64_t id) {
  if (id == 0) return std::nullopt;
  return find_where("WHERE citizen_id = :a AND id = :b", citizen_id, id, nullptr);
}

std::optional<Application> SqlApplicationRepository::find_by_key(std::int64_t citizen_id, const std::string& key) {
  return find_where("WHERE citizen_id = :a AND idempotency_key = :k", citizen_id, 0, &key);
}

std::vector<Application> SqlApplicationRepository::search(const ApplicationQuery& q) {
  // Every condition is bound; an absent one is written so that it always holds.
  long long citizen = q.citizen_id.value_or(0);
  int has_citizen = q.citizen_id ? 1 : 0, has_type = q.type ? 1 : 0, year = q.year.value_or(0), has_year = q.year ? 1 : 0;
  const std::string type = q.type ? to_string(*q.type) : "";
  // The states are the enumeration's own names, never text from a request: written into the statement.
  std::string states;
  for (ApplicationState s : q.states) states += std::string(states.empty() ? "'" : ", '") + to_string(s) + "'";
  int limit = q.limit;
  const std::string order = q.oldest_first ? "ORDER BY submitted_at, id LIMIT :lim" : "ORDER BY submitted_at DESC, id DESC LIMIT :lim";
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kApplicationColumns) +
                           "WHERE (:hc = 0 OR citizen_id = :citizen) AND (:ht = 0 OR type = :type) AND "
                           "(:hy = 0 OR filed_year = :year) " + (states.empty() ? "" : "AND state IN (" + states + ") ") +
                           order,
       soci::use(has_citizen, "hc"), soci::use(citizen, "citizen"), soci::use(has_type, "ht"), soci::use(type, "type"),
       soci::use(has_year, "hy"), soci::use(year, "year"), soci::use(limit, "lim"));
  std::vector<Application> found;
  for (const soci::row& r : rows) found.push_back(header_from(r));
  for (Application& a : found) load_details(a, false);
  return found;
}

void SqlApplicationRepository::update(const Application& a) {
  long long id = a.id;
  const std::string state = to_string(a.state);
  sql_ << "UPDATE applications SET state = :state, handler = :handler WHERE id = :id", soci::use(state, "state"),
      soci::use(a.handler, "handler"), soci::use(id, "id");
  int stored = 0;
  sql_ << "SELECT COUNT(*) FROM application_events WHERE application_id = :id", soci::use(id, "id"), soci::into(stored);
  for (std::size_t i = static_cast<std::size_t>(stored); i < a.events.size(); ++i)
    add_event(a.id, static_cast<int>(i) + 1, a.events[i]);
}

std::optional<std::string> SqlApplicationRepository::attachment_bytes(std::int64_t application_id, std::int64_t attachment_id) {
  long long app = application_id, id = attachment_id;
  std::string content;
  sql_ << "SELECT content_base64 FROM application_attachments WHERE application_id = :app AND id = :id",
      soci::use(app, "app"), soci::use(id, "id"), soci::into(content);
  if (!sql_.got_data()) return std::nullopt;
  return base64url_decode(content);
}

}  // namespace sportello
