// Every SQL statement about the outbox. Template parameters are stored as a JSON object.
#include <soci/soci.h>

#include <boost/json.hpp>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

std::string params_to_json(const std::map<std::string, std::string>& params) {
  boost::json::object object;
  for (const auto& [key, value] : params) object[key] = value;
  return boost::json::serialize(object);
}

std::map<std::string, std::string> params_from_json(const std::string& text) {
  std::map<std::string, std::string> params;
  boost::system::error_code ec;
  const boost::json::value parsed = boost::json::parse(text, ec);
  if (ec || !parsed.is_object()) return params;
  for (const auto& [key, value] : parsed.as_object())
    if (value.is_string()) params[std::string(key)] = std::string(value.as_string());
  return params;
}

OutboxMessage message_from(const soci::row& r) {
  OutboxMessage m;
  m.id = read_integer(r, "id");
  m.event_key = r.get<std::string>("event_key");
  m.channel = parse_channel(r.get<std::string>("channel")).value_or(Channel::email);
  m.recipient = r.get<std::string>("recipient");
  m.template_name = r.get<std::string>("template_name");
  m.params = params_from_json(r.get<std::string>("params"));
  m.secret_sealed = r.get<std::string>("secret_sealed");
  m.status = parse_message_status(r.get<std::string>("status")).value_or(MessageStatus::pending);
  m.attempts = static_cast<int>(read_integer(r, "attempts"));
  m.created_at = read_instant_column(r, "created_at");
  m.next_attempt_at = read_instant_column(r, "next_attempt_at");
  m.sent_at = read_optional_instant(r, "sent_at");
  m.last_error = r.get<std::string>("last_error");
  return m;
}

}  // namespace

bool SqlOutboxRepository::enqueue(const OutboxMessage& m) {
  const std::string channel = to_string(m.channel), status = to_string(m.status), params = params_to_json(m.params);
  long long created = to_unix(m.created_at), next = to_unix(m.next_attempt_at);
  soci::statement st = (sql_.prepare << "INSERT INTO outbox (event_key, channel, recipient, template_name, params, "
                                        "secret_sealed, status, attempts, created_at, next_attempt_at, sent_at, "
                                        "last_error) VALUES (:event, :channel, :recipient, :template, :params, "
                                        ":secret, :status, 0, :created, :next, NULL, '') "
                                        "ON CONFLICT (event_key, channel, recipient) DO NOTHING",
                        soci::use(m.event_key, "event"), soci::use(channel, "channel"),
                        soci::use(m.recipient, "recipient"), soci::use(m.template_name, "template"),
                        soci::use(params, "params"), soci::use(m.secret_sealed, "secret"), soci::use(status, "status"),
                        soci::use(created, "created"), soci::use(next, "next"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<OutboxMessage> SqlOutboxRepository::list(const OutboxFilter& filter) {
  const std::string status = filter.status ? to_string(*filter.status) : "";
  const std::string recipient = filter.recipient.value_or("");
  int limit = filter.limit;
  soci::rowset<soci::row> rows =
      (sql_.prepare << "SELECT id, event_key, channel, recipient, template_name, params, secret_sealed, status, "
                       "attempts, created_at, next_attempt_at, sent_at, last_error FROM outbox "
                       "WHERE (:status = '' OR status = :status2) AND (:recipient = '' OR recipient = :recipient2) "
                       "ORDER BY id LIMIT :limit",
       soci::use(status, "status"), soci::use(status, "status2"), soci::use(recipient, "recipient"),
       soci::use(recipient, "recipient2"), soci::use(limit, "limit"));
  std::vector<OutboxMessage> out;
  for (const soci::row& r : rows) out.push_back(message_from(r));
  return out;
}

}  // namespace sportello
