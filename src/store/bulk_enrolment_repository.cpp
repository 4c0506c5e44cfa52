// Every SQL statement of the bulk enrolment (demo data and benchmarks): the citizens go to a temporary table
// (PostgreSQL's COPY, or one prepared INSERT run per row on SQLite); those whose codice fiscale is there already
// are dropped from it, and three INSERT ... SELECT statements add the rest with their credentials and PIN
// histories, so a load that is run again adds nothing twice and leaves the citizens it finds alone.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <libpq-fe.h>

#include <stdexcept>

#include "credential/credential.h"
#include "store/citizen_row.h"
#include "store/sql_repositories.h"

namespace sportello {
namespace {

constexpr const char* kColumns =
    "codice_fiscale, surname, name, sex, birth_date, birth_place_code, street, street_number, cap, comune, "
    "province, citizenship, mobile, email, pec, pec_cittadino, home_phone, office_phone, fax, mobile_verified, "
    "email_verified, tessera_number, tessera_expiry, created_at";

// A text value in COPY's text format: backslash, tab, newline and carriage return escaped.
void append_copy_text(std::string& out, const std::string& value) {
  for (const char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

std::string copy_line(const CitizenRow& v) {
  std::string line;
  line.reserve(256);
  for (const std::string* text : {&v.cf, &v.surname, &v.name, &v.sex, &v.birth_date, &v.birth_place, &v.street,
                                  &v.number, &v.cap, &v.comune, &v.province, &v.citizenship, &v.mobile, &v.email,
                                  &v.pec, &v.pec_cittadino, &v.home, &v.office, &v.fax}) {
    append_copy_text(line, *text);
    line += '\t';
  }
  line += std::to_string(v.mobile_verified) + '\t' + std::to_string(v.email_verified) + '\t';
  append_copy_text(line, v.ts_number);
  line += '\t';
  append_copy_text(line, v.ts_expiry);
  line += '\t' + std::to_string(v.created_at) + '\n';
  return line;
}

// Sends the rows through COPY on the session's own libpq connection, inside its open transaction.
void copy_into_staging(soci::session& sql, std::span<const Citizen> citizens) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  PGconn* conn = backend->conn_;
  PGresult* started = PQexec(conn, (std::string("COPY seed_citizens (") + kColumns + ") FROM STDIN").c_str());
  const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
  PQclear(started);
  if (!copying) throw std::runtime_error(std::string("COPY did not start: ") + PQerrorMessage(conn));
  std::string chunk;
  constexpr std::size_t kChunk = 1 << 20;
  bool sent = true;
  for (const Citizen& citizen : citizens) {
    chunk += copy_line(CitizenRow(citizen));
    if (chunk.size() >= kChunk) {
      sent = PQputCopyData(conn, chunk.data(), static_cast<int>(chunk.size())) == 1;
      chunk.clear();
      if (!sent) break;
    }
  }
  if (sent && !chunk.empty()) sent = PQputCopyData(conn, chunk.data(), static_cast<int>(chunk.size())) == 1;
  if (PQputCopyEnd(conn, sent ? nullptr : "the client stopped sending") != 1 || !sent)
    throw std::runtime_error(std::string("COPY failed: ") + PQerrorMessage(conn));
  std::string failure;
  while (PGresult* result = PQgetResult(conn)) {
    if (PQresultStatus(result) != PGRES_COMMAND_OK && failure.empty()) failure = PQresultErrorMessage(result);
    PQclear(result);
  }
  if (!failure.empty()) throw std::runtime_error("COPY failed: " + failure);
}

void insert_into_staging(soci::session& sql, std::span<const Citizen> citizens) {
  CitizenRow v{Citizen{}};
  soci::statement st =
      (sql.prepare << std::string("INSERT INTO seed_citizens (") + kColumns +
                          ") VALUES (:cf, :surname, :name, :sex, :birth_date, :birth_place, :street, :number, :cap, "
                          ":comune, :province, :citizenship, :mobile, :email, :pec, :pec_cittadino, :home, :office, "
                          ":fax, :mobile_verified, :email_verified, :ts_number, :ts_expiry, :created_at)",
       soci::use(v.cf), soci::use(v.surname), soci::use(v.name), soci::use(v.sex), soci::use(v.birth_date),
       soci::use(v.birth_place), soci::use(v.street), soci::use(v.number), soci::use(v.cap), soci::use(v.comune),
       soci::use(v.province), soci::use(v.citizenship), soci::use(v.mobile), soci::use(v.email), soci::use(v.pec),
       soci::use(v.pec_cittadino), soci::use(v.home), soci::use(v.office), soci::use(v.fax),
       soci::use(v.mobile_verified), soci::use(v.email_verified), soci::use(v.ts_number), soci::use(v.ts_expiry),
       soci::use(v.created_at));
  for (const Citizen& citizen : citizens) {
    v = CitizenRow(citizen);
    st.execute(true);
  }
}

}  // namespace

std::size_t SqlBulkEnrolmentRepository::add_with_pin(std::span<const Citizen> citizens, const std::string& pin_hash,
                                                     Level level, Instant at) {
  const bool postgresql = sql_.get_backend_name() == "postgresql";
  // The staging table lives as long as the transaction (PostgreSQL) or is dropped below (SQLite).
  if (postgresql)
    sql_ << std::string("CREATE TEMPORARY TABLE seed_citizens ON COMMIT DROP AS SELECT ") + kColumns +
                " FROM citizens LIMIT 0";
  else
    sql_ << std::string("CREATE TEMPORARY TABLE seed_citizens AS SELECT ") + kColumns + " FROM citizens LIMIT 0";
  if (postgresql) {
    copy_into_staging(sql_, citizens);
    // Without statistics the planner takes the staging table for a small one and scans the whole citizens table
    // at each join: a load slowed down as the table grew (129 s for 200,000 people before, issue 13).
    sql_ << "ANALYZE seed_citizens";
  } else {
    insert_into_staging(sql_, citizens);
  }

  // Only the new ones stay in the staging table, so the credentials below go to them alone.
  sql_ << "DELETE FROM seed_citizens WHERE EXISTS (SELECT 1 FROM citizens c WHERE c.codice_fiscale = "
          "seed_citizens.codice_fiscale)";
  soci::statement added =
      (sql_.prepare << std::string("INSERT INTO citizens (") + kColumns + ") SELECT " + kColumns + " FROM seed_citizens");
  added.execute(true);
  const std::size_t count = static_cast<std::size_t>(added.get_affected_rows());

  const std::string state = to_string(CredentialState::active), level_name = to_string(level),
                    channel = to_string(IssueChannel::office);
  long long when = to_unix(at);
  sql_ << "INSERT INTO credentials (citizen_id, state, level, channel, generation, pin_hash, pending_half_sealed, "
          "issued_at, pin_changed_at) SELECT c.id, :state, :level, :channel, 1, :hash, '', :issued, :changed "
          "FROM seed_citizens s JOIN citizens c ON c.codice_fiscale = s.codice_fiscale",
      soci::use(state, "state"), soci::use(level_name, "level"), soci::use(channel, "channel"),
      soci::use(pin_hash, "hash"), soci::use(when, "issued"), soci::use(when, "changed");
  sql_ << "INSERT INTO pin_history (credential_id, pin_hash, created_at) SELECT k.id, k.pin_hash, :at "
          "FROM seed_citizens s JOIN citizens c ON c.codice_fiscale = s.codice_fiscale "
          "JOIN credentials k ON k.citizen_id = c.id",
      soci::use(when, "at");
  if (!postgresql) sql_ << "DROP TABLE temp.seed_citizens";
  return count;
}

}  // namespace sportello
