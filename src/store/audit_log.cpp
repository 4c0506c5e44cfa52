// Every SQL statement about the audit log. Appends read the chain's head inside the caller's transaction,
// which on SQLite (BEGIN IMMEDIATE) already serialises writers.
#include <soci/soci.h>

#include "core/store_failure.h"
#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

AuditEntry entry_from(const soci::row& r) {
  AuditEntry e;
  e.seq = read_integer(r, "seq");
  e.at = read_instant_column(r, "at");
  e.actor = r.get<std::string>("actor");
  e.action = r.get<std::string>("action");
  e.subject = r.get<std::string>("subject");
  e.details = r.get<std::string>("details");
  const std::string scheme = r.get<std::string>("scheme");
  // An unknown name cannot be checked by any key: read it as a keyed row, whose link then fails to match.
  e.scheme = audit_scheme_from(scheme).value_or(AuditScheme::hmac_sha256);
  e.prev_hash = r.get<std::string>("prev_hash");
  e.hash = r.get<std::string>("hash");
  return e;
}

constexpr const char* kAuditColumns = "seq, at, actor, action, subject, details, scheme, prev_hash, hash";

}  // namespace

AuditEntry SqlAuditLog::append(const std::string& actor, const std::string& action, const std::string& subject,
                               const std::string& details, Instant at) {
  if (key_ == nullptr) throw StoreFailure("the audit log was opened without the audit key");
  soci::row head;
  sql_ << "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", soci::into(head);
  AuditEntry e;
  if (sql_.got_data()) {
    e.seq = read_integer(head, "seq") + 1;
    e.prev_hash = head.get<std::string>("hash");
  } else {
    e.seq = 1;
  }
  e.at = at;
  e.actor = actor;
  e.action = action;
  e.subject = subject;
  e.details = details;
  e.scheme = AuditScheme::hmac_sha256;
  e.hash = e.compute_link(*key_);
  long long seq = e.seq, when = to_unix(at);
  std::string scheme(to_string(e.scheme));
  sql_ << "INSERT INTO audit_log (seq, at, actor, action, subject, details, scheme, prev_hash, hash) VALUES (:seq, "
          ":at, :actor, :action, :subject, :details, :scheme, :prev, :hash)",
      soci::use(seq, "seq"), soci::use(when, "at"), soci::use(e.actor, "actor"), soci::use(e.action, "action"),
      soci::use(e.subject, "subject"), soci::use(e.details, "details"), soci::use(scheme, "scheme"),
      soci::use(e.prev_hash, "prev"), soci::use(e.hash, "hash");
  return e;
}

std::vector<AuditEntry> SqlAuditLog::read(std::int64_t from_seq, int limit) {
  long long from = from_seq;
  soci::rowset<soci::row> rows = (sql_.prepare << std::string("SELECT ") + kAuditColumns +
                                                      " FROM audit_log WHERE seq >= :from ORDER BY seq LIMIT :limit",
                                  soci::use(from, "from"), soci::use(limit, "limit"));
  std::vector<AuditEntry> out;
  for (const soci::row& r : rows) out.push_back(entry_from(r));
  return out;
}

std::vector<AuditEntry> SqlAuditLog::about(const std::string& subject, int limit) {
  soci::rowset<soci::row> rows = (sql_.prepare << std::string("SELECT ") + kAuditColumns +
                                                      " FROM audit_log WHERE subject = :subject ORDER BY seq DESC "
                                                      "LIMIT :limit",
                                  soci::use(subject, "subject"), soci::use(limit, "limit"));
  std::vector<AuditEntry> out;
  for (const soci::row& r : rows) out.push_back(entry_from(r));
  return out;
}

std::optional<AuditEntry> SqlAuditLog::head() {
  soci::row r;
  sql_ << std::string("SELECT ") + kAuditColumns + " FROM audit_log ORDER BY seq DESC LIMIT 1", soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return entry_from(r);
}

std::optional<std::int64_t> SqlAuditLog::first_keyed_seq() {
  soci::row r;
  sql_ << "SELECT seq FROM audit_log WHERE scheme <> 'sha256' ORDER BY seq LIMIT 1", soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return read_integer(r, "seq");
}

}  // namespace sportello
