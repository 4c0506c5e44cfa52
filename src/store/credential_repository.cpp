// Every SQL statement about credentials and their PIN history.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

constexpr const char* kCredentialColumns =
    "id, citizen_id, state, level, channel, generation, pin_hash, pending_half_sealed, issued_at, pin_changed_at, "
    "ended_at, request_reference";

Credential credential_from(const soci::row& r) {
  Credential c;
  c.id = read_integer(r, "id");
  c.citizen_id = read_integer(r, "citizen_id");
  c.state = parse_credential_state(r.get<std::string>("state")).value_or(CredentialState::cancelled);
  c.level = parse_level(r.get<std::string>("level")).value_or(Level::ordinario);
  c.channel = parse_issue_channel(r.get<std::string>("channel")).value_or(IssueChannel::online);
  c.generation = static_cast<int>(read_integer(r, "generation"));
  c.pin_hash = r.get<std::string>("pin_hash");
  c.pending_half_sealed = r.get<std::string>("pending_half_sealed");
  c.issued_at = read_instant_column(r, "issued_at");
  c.pin_changed_at = read_optional_instant(r, "pin_changed_at");
  c.ended_at = read_optional_instant(r, "ended_at");
  if (r.get_indicator("request_reference") != soci::i_null) c.request_reference = r.get<std::string>("request_reference");
  return c;
}

struct CredentialRow {
  long long id, citizen_id, issued_at;
  std::string state, level, channel, pin_hash, pending;
  int generation;
  NullableInstant pin_changed_at, ended_at;
  std::string reference;
  soci::indicator reference_ind;

  explicit CredentialRow(const Credential& c)
      : id(c.id), citizen_id(c.citizen_id), issued_at(to_unix(c.issued_at)), state(to_string(c.state)),
        level(to_string(c.level)), channel(to_string(c.channel)), pin_hash(c.pin_hash), pending(c.pending_half_sealed),
        generation(c.generation), pin_changed_at(c.pin_changed_at), ended_at(c.ended_at),
        reference(c.request_reference.value_or("")), reference_ind(c.request_reference ? soci::i_ok : soci::i_null) {}
};

template <typename Statement>
Statement& bind_credential(Statement&& st, CredentialRow& v) {
  st, soci::use(v.citizen_id, "citizen_id"), soci::use(v.state, "state"), soci::use(v.level, "level"),
      soci::use(v.channel, "channel"), soci::use(v.generation, "generation"), soci::use(v.pin_hash, "pin_hash"),
      soci::use(v.pending, "pending"), soci::use(v.issued_at, "issued_at"),
      soci::use(v.pin_changed_at.seconds, v.pin_changed_at.ind, "pin_changed_at"),
      soci::use(v.ended_at.seconds, v.ended_at.ind, "ended_at"),
      soci::use(v.reference, v.reference_ind, "reference");
  return st;
}

}  // namespace

std::optional<Credential> SqlCredentialRepository::find_by_citizen(std::int64_t citizen_id) {
  soci::row row;
  long long key = citizen_id;
  sql_ << std::string("SELECT ") + kCredentialColumns + " FROM credentials WHERE citizen_id = :key", soci::use(key, "key"),
      soci::into(row);
  if (!sql_.got_data()) return std::nullopt;
  return credential_from(row);
}

std::optional<Credential> SqlCredentialRepository::find_by_request_reference(const std::string& reference) {
  soci::row row;
  sql_ << std::string("SELECT ") + kCredentialColumns + " FROM credentials WHERE request_reference = :reference",
      soci::use(reference, "reference"), soci::into(row);
  if (!sql_.got_data()) return std::nullopt;
  return credential_from(row);
}

std::int64_t SqlCredentialRepository::insert(const Credential& credential) {
  CredentialRow v(credential);
  long long id = 0;
  soci::statement st = (bind_credential(sql_.prepare << "INSERT INTO credentials (citizen_id, state, level, channel, "
                                        "generation, pin_hash, pending_half_sealed, issued_at, pin_changed_at, "
                                        "ended_at, request_reference) VALUES (:citizen_id, :state, :level, :channel, "
                                        ":generation, :pin_hash, :pending, :issued_at, :pin_changed_at, :ended_at, "
                                        ":reference) RETURNING id",
                                        v),
                        soci::into(id));
  st.execute(true);
  return id;
}

void SqlCredentialRepository::update(const Credential& credential) {
  CredentialRow v(credential);
  bind_credential(sql_ << "UPDATE credentials SET citizen_id = :citizen_id, state = :state, level = :level, "
                          "channel = :channel, generation = :generation, pin_hash = :pin_hash, "
                          "pending_half_sealed = :pending, issued_at = :issued_at, pin_changed_at = :pin_changed_at, "
                          "ended_at = :ended_at, request_reference = :reference WHERE id = :id",
                  v),
      soci::use(v.id, "id");
}

std::vector<Credential> SqlCredentialRepository::list_in_state(CredentialState state, int limit) {
  const std::string wanted = to_string(state);
  soci::rowset<soci::row> rows = (sql_.prepare << std::string("SELECT ") + kCredentialColumns +
                                                      " FROM credentials WHERE state = :state ORDER BY issued_at, id "
                                                      "LIMIT :limit",
                                  soci::use(wanted, "state"), soci::use(limit, "limit"));
  std::vector<Credential> out;
  for (const soci::row& r : rows) out.push_back(credential_from(r));
  return out;
}

std::vector<std::string> SqlCredentialRepository::recent_pin_hashes(std::int64_t credential_id, int count) {
  long long key = credential_id;
  soci::rowset<std::string> rows =
      (sql_.prepare << "SELECT pin_hash FROM pin_history WHERE credential_id = :key ORDER BY id DESC LIMIT :count",
       soci::use(key, "key"), soci::use(count, "count"));
  return std::vector<std::string>(rows.begin(), rows.end());
}

void SqlCredentialRepository::add_pin_history(std::int64_t credential_id, const std::string& hash, Instant at) {
  long long key = credential_id;
  long long when = to_unix(at);
  sql_ << "INSERT INTO pin_history (credential_id, pin_hash, created_at) VALUES (:key, :hash, :at)",
      soci::use(key, "key"), soci::use(hash, "hash"), soci::use(when, "at");
}

}  // namespace sportello
