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
  m.lease_owner = r.get<std::string>("lease_owner");
  m.lease_until = read_instant_column(r, "lease_until");
  m.message_id = r.get<std::string>("message_id");
  m.batch = r.get<std::string>("batch");
  return m;
}

constexpr const char* kOutboxColumns =
    "SELECT id, event_key, channel, recipient, template_name, params, secret_sealed, status, attempts, created_at, "
    "next_attempt_at, sent_at, last_error, lease_owner, lease_until, message_id, batch FROM outbox ";

// Due: pending and its time has come, or claimed by a courier whose lease ran out.
constexpr const char* kDue =
    "channel <> 'letter' AND ((status = 'pending' AND next_attempt_at <= :now1) OR "
    "(status = 'sending' AND lease_until < :now2))";

LetterBatch letter_batch_from(const soci::row& r) {
  return LetterBatch{r.get<std::string>("name"), static_cast<int>(read_integer(r, "letters")),
                     read_instant_column(r, "closed_at"), read_optional_instant(r, "handed_over_at")};
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
      (sql_.prepare << kOutboxColumns << "WHERE (:status = '' OR status = :status2) AND (:recipient = '' OR recipient = :recipient2) "
                       "ORDER BY id LIMIT :limit",
       soci::use(status, "status"), soci::use(status, "status2"), soci::use(recipient, "recipient"),
       soci::use(recipient, "recipient2"), soci::use(limit, "limit"));
  std::vector<OutboxMessage> out;
  for (const soci::row& r : rows) out.push_back(message_from(r));
  return out;
}

std::optional<OutboxMessage> SqlOutboxRepository::find(std::int64_t id) {
  long long key = id;
  soci::row r;
  sql_ << kOutboxColumns << "WHERE id = :id", soci::use(key, "id"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return message_from(r);
}

int SqlOutboxRepository::count(MessageStatus status) {
  const std::string name = to_string(status);
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM outbox WHERE status = :status", soci::use(name, "status"), soci::into(n);
  return static_cast<int>(n);
}

std::vector<OutboxMessage> SqlOutboxRepository::claim_due(const std::string& owner, Instant now, Instant lease_until,
                                                          int limit) {
  long long at = to_unix(now), until = to_unix(lease_until);
  std::vector<long long> candidates(static_cast<std::size_t>(std::max(limit, 1)));
  sql_ << "SELECT id FROM outbox WHERE " << kDue << " ORDER BY next_attempt_at, id LIMIT :limit",
      soci::use(at, "now1"), soci::use(at, "now2"), soci::use(limit, "limit"), soci::into(candidates);
  std::vector<OutboxMessage> claimed;
  for (long long id : candidates) {
    // The condition again: another process may have taken the row since (PostgreSQL re-reads it here).
    soci::statement st = (sql_.prepare << "UPDATE outbox SET status = 'sending', lease_owner = :owner, "
                                          "lease_until = :until, attempts = attempts + 1 WHERE id = :id AND "
                                          << kDue,
                          soci::use(owner, "owner"), soci::use(until, "until"), soci::use(id, "id"),
                          soci::use(at, "now1"), soci::use(at, "now2"));
    st.execute(true);
    if (st.get_affected_rows() != 1) continue;
    if (auto message = find(id)) claimed.push_back(std::move(*message));
  }
  return claimed;
}

void SqlOutboxRepository::set_message_id(std::int64_t id, const std::string& message_id) {
  long long key = id;
  sql_ << "UPDATE outbox SET message_id = :mid WHERE id = :id", soci::use(message_id, "mid"), soci::use(key, "id");
}

bool SqlOutboxRepository::mark_sent(std::int64_t id, const std::string& owner, Instant now) {
  long long key = id, at = to_unix(now);
  soci::statement st = (sql_.prepare << "UPDATE outbox SET status = 'sent', sent_at = :at, secret_sealed = '', "
                                        "lease_owner = '', lease_until = 0, last_error = '' "
                                        "WHERE id = :id AND status = 'sending' AND lease_owner = :owner",
                        soci::use(at, "at"), soci::use(key, "id"), soci::use(owner, "owner"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool SqlOutboxRepository::mark_retry(std::int64_t id, const std::string& owner, const std::string& error,
                                     Instant next_attempt) {
  long long key = id, next = to_unix(next_attempt);
  soci::statement st = (sql_.prepare << "UPDATE outbox SET status = 'pending', next_attempt_at = :next, "
                                        "last_error = :error, lease_owner = '', lease_until = 0 "
                                        "WHERE id = :id AND status = 'sending' AND lease_owner = :owner",
                        soci::use(next, "next"), soci::use(error, "error"), soci::use(key, "id"),
                        soci::use(owner, "owner"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool SqlOutboxRepository::mark_failed(std::int64_t id, const std::string& owner, const std::string& error) {
  long long key = id;
  soci::statement st = (sql_.prepare << "UPDATE outbox SET status = 'failed', last_error = :error, "
                                        "lease_owner = '', lease_until = 0 "
                                        "WHERE id = :id AND status = 'sending' AND lease_owner = :owner",
                        soci::use(error, "error"), soci::use(key, "id"), soci::use(owner, "owner"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool SqlOutboxRepository::retry_failed(std::int64_t id, Instant now) {
  long long key = id, at = to_unix(now);
  soci::statement st = (sql_.prepare << "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = :at "
                                        "WHERE id = :id AND status = 'failed'",
                        soci::use(at, "at"), soci::use(key, "id"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<OutboxMessage> SqlOutboxRepository::pending_letters(int limit) {
  soci::rowset<soci::row> rows = (sql_.prepare << kOutboxColumns << "WHERE channel = 'letter' AND status = 'pending' "
                                                              "ORDER BY id LIMIT :limit",
                                  soci::use(limit, "limit"));
  std::vector<OutboxMessage> out;
  for (const soci::row& r : rows) out.push_back(message_from(r));
  return out;
}

int SqlOutboxRepository::count_letters_to(const std::string& recipient, Instant since) {
  long long from = to_unix(since);
  int n = 0;
  sql_ << "SELECT COUNT(*) FROM outbox WHERE channel = 'letter' AND recipient = :recipient AND created_at >= :since",
      soci::use(recipient, "recipient"), soci::use(from, "since"), soci::into(n);
  return n;
}

void SqlOutboxRepository::mark_printed(std::int64_t id, const std::string& batch, Instant now) {
  long long key = id, at = to_unix(now);
  sql_ << "UPDATE outbox SET status = 'sent', sent_at = :at, secret_sealed = '', batch = :batch, "
          "attempts = attempts + 1 WHERE id = :id AND status = 'pending'",
      soci::use(at, "at"), soci::use(batch, "batch"), soci::use(key, "id");
}

void SqlOutboxRepository::mark_unprintable(std::int64_t id, const std::string& error) {
  long long key = id;
  sql_ << "UPDATE outbox SET status = 'failed', last_error = :error, attempts = attempts + 1 "
          "WHERE id = :id AND status = 'pending' AND channel = 'letter'",
      soci::use(error, "error"), soci::use(key, "id");
}

void SqlOutboxRepository::add_batch(const LetterBatch& b) {
  long long closed = to_unix(b.closed_at);
  int letters = b.letters;
  sql_ << "INSERT INTO letter_batches (name, letters, closed_at, handed_over_at) VALUES (:name, :letters, :closed, NULL)",
      soci::use(b.name, "name"), soci::use(letters, "letters"), soci::use(closed, "closed");
}

std::optional<LetterBatch> SqlOutboxRepository::find_batch(const std::string& name) {
  soci::row r;
  sql_ << "SELECT name, letters, closed_at, handed_over_at FROM letter_batches WHERE name = :name",
      soci::use(name, "name"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return letter_batch_from(r);
}

std::vector<LetterBatch> SqlOutboxRepository::batches(int limit) {
  soci::rowset<soci::row> rows = (sql_.prepare << "SELECT name, letters, closed_at, handed_over_at FROM letter_batches "
                                                  "ORDER BY closed_at DESC, name DESC LIMIT :limit",
                                  soci::use(limit, "limit"));
  std::vector<LetterBatch> out;
  for (const soci::row& r : rows) out.push_back(letter_batch_from(r));
  return out;
}

void SqlOutboxRepository::mark_handed_over(const std::string& name, Instant at) {
  long long when = to_unix(at);
  sql_ << "UPDATE letter_batches SET handed_over_at = :at WHERE name = :name AND handed_over_at IS NULL",
      soci::use(when, "at"), soci::use(name, "name");
}

}  // namespace sportello
