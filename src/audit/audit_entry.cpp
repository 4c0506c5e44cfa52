#include "audit/audit_entry.h"

#include "core/digest.h"

namespace sportello {
namespace {

constexpr std::string_view kSha256 = "sha256";
constexpr std::string_view kHmacSha256 = "hmac-sha256";

// Length-prefixed fields, so no choice of field contents can make two different rows hash alike.
void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

// The fields a link covers, in the order sha256 rows have always used.
std::string canonical_fields(const AuditEntry& e) {
  std::string canonical;
  append_field(canonical, std::to_string(e.seq));
  append_field(canonical, std::to_string(to_unix(e.at)));
  append_field(canonical, e.actor);
  append_field(canonical, e.action);
  append_field(canonical, e.subject);
  append_field(canonical, e.details);
  append_field(canonical, e.prev_hash);
  return canonical;
}

}  // namespace

std::string citizen_ref(std::int64_t citizen_id) { return "citizen:" + std::to_string(citizen_id); }

std::string_view to_string(AuditScheme scheme) {
  return scheme == AuditScheme::sha256 ? kSha256 : kHmacSha256;
}

std::optional<AuditScheme> audit_scheme_from(std::string_view name) {
  if (name == kSha256) return AuditScheme::sha256;
  if (name == kHmacSha256) return AuditScheme::hmac_sha256;
  return std::nullopt;
}

std::string AuditEntry::compute_hash() const { return sha256_hex(canonical_fields(*this)); }

std::string AuditEntry::compute_link(const AuditKey& key) const {
  if (scheme == AuditScheme::sha256) return compute_hash();
  std::string message;
  append_field(message, kHmacSha256);  // the scheme is covered too: a keyed row cannot pass as another kind
  message += canonical_fields(*this);
  return key.mac_hex(message);
}

std::optional<AuditChainCheck::Break> AuditChainCheck::next(const AuditEntry& row) {
  if (broken_) return broken_;
  const std::int64_t expected = checked_ + 1;
  if (row.seq != expected) {
    broken_ = Break{row.seq > expected ? expected : row.seq, row.seq > expected ? Fault::missing : Fault::changed};
  } else if (row.scheme == AuditScheme::sha256 && first_keyed_) {
    broken_ = Break{row.seq, Fault::downgraded};
  } else if (row.prev_hash != prev_ || !constant_time_equal(row.compute_link(key_), row.hash)) {
    broken_ = Break{row.seq, Fault::changed};
  }
  if (broken_) return broken_;
  if (row.scheme == AuditScheme::hmac_sha256 && !first_keyed_) first_keyed_ = row.seq;
  prev_ = row.hash;
  ++checked_;
  return std::nullopt;
}

std::optional<AuditChainCheck::Break> first_broken_link(const std::vector<AuditEntry>& rows, const AuditKey& key) {
  AuditChainCheck check(key);
  for (const AuditEntry& row : rows) {
    if (auto broken = check.next(row)) return broken;
  }
  return std::nullopt;
}

}  // namespace sportello
