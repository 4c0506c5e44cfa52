#include "audit/audit_entry.h"

#include "core/digest.h"

namespace sportello {
namespace {

// Length-prefixed fields, so no choice of field contents can make two different rows hash alike.
void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace

std::string AuditEntry::compute_hash() const {
  std::string canonical;
  append_field(canonical, std::to_string(seq));
  append_field(canonical, std::to_string(to_unix(at)));
  append_field(canonical, actor);
  append_field(canonical, action);
  append_field(canonical, subject);
  append_field(canonical, details);
  append_field(canonical, prev_hash);
  return sha256_hex(canonical);
}

std::optional<std::int64_t> first_broken_link(const std::vector<AuditEntry>& rows) {
  std::string expected_prev;
  std::int64_t expected_seq = 1;
  for (const AuditEntry& row : rows) {
    if (row.seq != expected_seq || row.prev_hash != expected_prev || row.compute_hash() != row.hash) return row.seq;
    expected_prev = row.hash;
    ++expected_seq;
  }
  return std::nullopt;
}

}  // namespace sportello
