// Every SQL statement about dispositivo requests. The document is stored base64-encoded in a TEXT column,
// which both databases hold alike (PostgreSQL's SOCI blobs are large objects, not bytea).
#include <soci/soci.h>

#include "core/digest.h"
#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

constexpr const char* kSummaryColumns =
    "id, citizen_id, state, document_type, submitted_at, decided_at, decided_by, reason";

DispositivoRequest request_from(const soci::row& r, bool with_document) {
  DispositivoRequest d;
  d.id = read_integer(r, "id");
  d.citizen_id = read_integer(r, "citizen_id");
  d.state = parse_review_state(r.get<std::string>("state")).value_or(ReviewState::pending);
  d.document_type = parse_document_type(r.get<std::string>("document_type")).value_or(DocumentType::pdf);
  if (with_document) d.document = base64url_decode(r.get<std::string>("document_base64")).value_or("");
  d.submitted_at = read_instant_column(r, "submitted_at");
  d.decided_at = read_optional_instant(r, "decided_at");
  d.decided_by = r.get<std::string>("decided_by");
  d.reason = r.get<std::string>("reason");
  return d;
}

}  // namespace

std::int64_t SqlDispositivoRequestRepository::insert(const DispositivoRequest& d) {
  long long id = 0, citizen = d.citizen_id, submitted = to_unix(d.submitted_at);
  const std::string state = to_string(d.state), type = to_string(d.document_type);
  const std::string document = base64url_encode(d.document);
  soci::statement st = (sql_.prepare << "INSERT INTO dispositivo_requests (citizen_id, state, document_type, "
                                        "document_base64, submitted_at, decided_at, decided_by, reason) VALUES "
                                        "(:citizen, :state, :type, :document, :submitted, NULL, '', '') RETURNING id",
                        soci::use(citizen, "citizen"), soci::use(state, "state"), soci::use(type, "type"),
                        soci::use(document, "document"), soci::use(submitted, "submitted"), soci::into(id));
  st.execute(true);
  return id;
}

std::optional<DispositivoRequest> SqlDispositivoRequestRepository::find(std::int64_t id) {
  soci::row r;
  long long key = id;
  sql_ << std::string("SELECT ") + kSummaryColumns + ", document_base64 FROM dispositivo_requests WHERE id = :id",
      soci::use(key, "id"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return request_from(r, true);
}

std::optional<DispositivoRequest> SqlDispositivoRequestRepository::find_pending_for(std::int64_t citizen_id) {
  soci::row r;
  long long key = citizen_id;
  sql_ << std::string("SELECT ") + kSummaryColumns +
              " FROM dispositivo_requests WHERE citizen_id = :citizen AND state = 'pending'",
      soci::use(key, "citizen"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return request_from(r, false);
}

void SqlDispositivoRequestRepository::update(const DispositivoRequest& d) {
  long long id = d.id;
  const std::string state = to_string(d.state);
  NullableInstant decided(d.decided_at);
  sql_ << "UPDATE dispositivo_requests SET state = :state, decided_at = :decided, decided_by = :by, reason = :reason "
          "WHERE id = :id",
      soci::use(state, "state"), soci::use(decided.seconds, decided.ind, "decided"), soci::use(d.decided_by, "by"),
      soci::use(d.reason, "reason"), soci::use(id, "id");
}

std::vector<DispositivoRequest> SqlDispositivoRequestRepository::list_pending(int limit) {
  soci::rowset<soci::row> rows = (sql_.prepare << std::string("SELECT ") + kSummaryColumns +
                                                      " FROM dispositivo_requests WHERE state = 'pending' "
                                                      "ORDER BY submitted_at, id LIMIT :limit",
                                  soci::use(limit, "limit"));
  std::vector<DispositivoRequest> out;
  for (const soci::row& r : rows) out.push_back(request_from(r, false));
  return out;
}

}  // namespace sportello
