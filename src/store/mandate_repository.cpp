// Every SQL statement about mandates and their signed forms. A stored value that does not read back as a
// state, origin, scope or date throws StoreFailure rather than taking a default: a wrong default here could
// widen what a patronato may see. The signed form is BLOB on SQLite and BYTEA on PostgreSQL; SOCI hands
// PostgreSQL its parameters as text, which ends at the first NUL byte, so there the bytes travel as hex and
// the server decodes and encodes them.
#include <soci/soci.h>

#include <boost/algorithm/hex.hpp>
#include <iterator>

#include "core/store_failure.h"
#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

constexpr const char* kMandateColumns =
    "SELECT id, citizen_id, organisation_id, origin, scope, starts_on, ends_on, state, created_at, created_by, "
    "ended_at, ended_by, document_sha256 FROM mandates ";
constexpr const char* kNewestFirst = " ORDER BY created_at DESC, id DESC";

template <typename T>
T readable(std::optional<T> value, const soci::row& r, const char* what) {
  if (!value) throw StoreFailure("mandate " + std::to_string(read_integer(r, "id")) + " has an unreadable " + what);
  return *value;
}

Mandate mandate_from(const soci::row& r) {
  Mandate m;
  m.id = read_integer(r, "id");
  m.citizen_id = read_integer(r, "citizen_id");
  m.organisation_id = read_integer(r, "organisation_id");
  m.origin = readable(parse_mandate_origin(r.get<std::string>("origin")), r, "origin");
  m.scope = readable(parse_mandate_scope(r.get<std::string>("scope")), r, "scope");
  m.starts_on = readable(parse_date(r.get<std::string>("starts_on")), r, "first day");
  m.ends_on = readable(parse_date(r.get<std::string>("ends_on")), r, "last day");
  m.state = readable(parse_mandate_state(r.get<std::string>("state")), r, "state");
  m.created_at = read_instant_column(r, "created_at");
  m.created_by = r.get<std::string>("created_by");
  m.ended_at = read_optional_instant(r, "ended_at");
  m.ended_by = r.get<std::string>("ended_by");
  m.document_sha256 = r.get<std::string>("document_sha256");
  return m;
}

std::vector<Mandate> mandates_from(soci::rowset<soci::row>& rows) {
  std::vector<Mandate> out;
  for (const soci::row& r : rows) out.push_back(mandate_from(r));
  return out;
}

bool on_postgresql(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

}  // namespace

std::int64_t SqlMandateRepository::insert(const Mandate& m, const std::string& document) {
  const std::string scope = m.scope.to_text();
  if (!parse_mandate_scope(scope)) throw StoreFailure("a mandate's scope must be every service or chosen types");
  if (m.origin != MandateOrigin::recorded && !document.empty())
    throw StoreFailure("only a recorded mandate has a signed form");
  long long id = 0, citizen = m.citizen_id, organisation = m.organisation_id, created = to_unix(m.created_at);
  const std::string origin = to_string(m.origin), state = to_string(m.state);
  const std::string starts_on = format_date(m.starts_on), ends_on = format_date(m.ends_on);
  NullableInstant ended(m.ended_at);
  try {
    soci::statement st =
        (sql_.prepare << "INSERT INTO mandates (citizen_id, organisation_id, origin, scope, starts_on, ends_on, "
                         "state, created_at, created_by, ended_at, ended_by, document_sha256) VALUES (:citizen, "
                         ":organisation, :origin, :scope, :starts_on, :ends_on, :state, :created, :created_by, :ended, "
                         ":ended_by, :sha) RETURNING id",
         soci::use(citizen, "citizen"), soci::use(organisation, "organisation"), soci::use(origin, "origin"),
         soci::use(scope, "scope"), soci::use(starts_on, "starts_on"), soci::use(ends_on, "ends_on"),
         soci::use(state, "state"), soci::use(created, "created"), soci::use(m.created_by, "created_by"),
         soci::use(ended.seconds, ended.ind, "ended"), soci::use(m.ended_by, "ended_by"),
         soci::use(m.document_sha256, "sha"), soci::into(id));
    st.execute(true);
  } catch (const soci::soci_error& e) {
    throw StoreFailure(std::string("The mandate was not stored (is one already active?): ") + e.what());
  }
  if (m.origin == MandateOrigin::recorded) {
    const bool hex = on_postgresql(sql_);
    std::string bytes;
    if (hex) boost::algorithm::hex_lower(document.begin(), document.end(), std::back_inserter(bytes));
    const std::string& bound = hex ? bytes : document;
    sql_ << std::string("INSERT INTO mandate_documents (mandate_id, bytes) VALUES (:id, ") +
                (hex ? "decode(:bytes, 'hex'))" : "CAST(:bytes AS BLOB))"),
        soci::use(id, "id"), soci::use(bound, "bytes");
  }
  return id;
}

void SqlMandateRepository::update(const Mandate& m) {
  long long id = m.id;
  const std::string state = to_string(m.state);
  NullableInstant ended(m.ended_at);
  sql_ << "UPDATE mandates SET state = :state, ended_at = :ended, ended_by = :ended_by WHERE id = :id",
      soci::use(state, "state"), soci::use(ended.seconds, ended.ind, "ended"), soci::use(m.ended_by, "ended_by"),
      soci::use(id, "id");
}

std::optional<Mandate> SqlMandateRepository::find_one(const std::string& condition, long long a, long long b) {
  soci::row r;
  sql_ << std::string(kMandateColumns) + condition, soci::use(a, "a"), soci::use(b, "b"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return mandate_from(r);
}

std::optional<Mandate> SqlMandateRepository::find_for_citizen(std::int64_t citizen_id, std::int64_t id) {
  return find_one("WHERE citizen_id = :a AND id = :b", citizen_id, id);
}

std::optional<Mandate> SqlMandateRepository::find_for_organisation(std::int64_t organisation_id, std::int64_t id) {
  return find_one("WHERE organisation_id = :a AND id = :b", organisation_id, id);
}

std::optional<Mandate> SqlMandateRepository::active(std::int64_t citizen_id, std::int64_t organisation_id) {
  return find_one("WHERE citizen_id = :a AND organisation_id = :b AND state = 'active'", citizen_id, organisation_id);
}

std::optional<Mandate> SqlMandateRepository::active_by_codice_fiscale(const std::string& codice_fiscale,
                                                                    std::int64_t organisation_id) {
  long long organisation = organisation_id;
  soci::row r;
  sql_ << std::string(kMandateColumns) +
              "WHERE citizen_id = (SELECT id FROM citizens WHERE codice_fiscale = :cf) "
              "AND organisation_id = :organisation AND state = 'active'",
      soci::use(codice_fiscale, "cf"), soci::use(organisation, "organisation"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return mandate_from(r);
}

std::vector<Mandate> SqlMandateRepository::of_citizen(std::int64_t citizen_id) {
  long long citizen = citizen_id;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kMandateColumns) + "WHERE citizen_id = :citizen" + kNewestFirst,
       soci::use(citizen, "citizen"));
  return mandates_from(rows);
}

std::vector<Mandate> SqlMandateRepository::of_organisation(std::int64_t organisation_id, int limit) {
  long long organisation = organisation_id;
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kMandateColumns) + "WHERE organisation_id = :organisation" + kNewestFirst + " LIMIT :lim",
       soci::use(organisation, "organisation"), soci::use(limit, "lim"));
  return mandates_from(rows);
}

std::vector<Mandate> SqlMandateRepository::past_last_day(Date today, int limit) {
  // 'YYYY-MM-DD' text sorts as the dates do.
  const std::string day = format_date(today);
  soci::rowset<soci::row> rows =
      (sql_.prepare << std::string(kMandateColumns) +
                           "WHERE state = 'active' AND ends_on < :today ORDER BY ends_on, id LIMIT :lim",
       soci::use(day, "today"), soci::use(limit, "lim"));
  return mandates_from(rows);
}

std::optional<std::string> SqlMandateRepository::document(std::int64_t mandate_id) {
  long long id = mandate_id;
  const bool hex = on_postgresql(sql_);
  std::string bytes;
  sql_ << std::string("SELECT ") + (hex ? "encode(bytes, 'hex')" : "bytes") +
              " FROM mandate_documents WHERE mandate_id = :id",
      soci::use(id, "id"), soci::into(bytes);
  if (!sql_.got_data()) return std::nullopt;
  if (!hex) return bytes;
  std::string decoded;
  try {
    boost::algorithm::unhex(bytes.begin(), bytes.end(), std::back_inserter(decoded));
  } catch (const std::exception&) {
    throw StoreFailure("mandate " + std::to_string(mandate_id) + " has an unreadable signed form");
  }
  return decoded;
}

}  // namespace sportello
