#pragma once
// One row of the append-only audit log (SPEC §9): who did what to whom, and when. Rows are hash-chained:
// each hash covers the row's fields and the previous row's hash, so changing or removing a row breaks the
// chain from there on. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace sportello {

struct AuditEntry {
  std::int64_t seq = 0;      // 1, 2, 3 … with no gaps
  Instant at{};
  std::string actor;         // "citizen:12", "staff:mrossi", "system"
  std::string action;        // "pin.requested", "pin.login", "staff.login" …
  std::string subject;       // "citizen:12" …
  std::string details;       // short, never a secret or a full codice fiscale
  std::string prev_hash;     // hash of row seq-1 ("" before the first)
  std::string hash;

  // The hash this row must carry given its fields and prev_hash.
  std::string compute_hash() const;
};

// The seq of the first row whose hash or link is wrong, or nullopt when the chain holds.
std::optional<std::int64_t> first_broken_link(const std::vector<AuditEntry>& rows_in_order);

}  // namespace sportello
