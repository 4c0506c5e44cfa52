#pragma once
// One row of the append-only audit log (SPEC §9): who did what to whom, and when. Rows are chained: each
// row's link covers its fields and the previous row's link, so changing or removing a row breaks the chain
// from there on. Since issue 15 the link is HMAC-SHA256 under the audit key (audit_key.h), which the
// database does not hold, so an edit cannot be hidden by recomputing the links after it; rows written before
// carry plain SHA-256 links and are named by their scheme. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_key.h"
#include "core/clock.h"

namespace sportello {

// How the log, an actor and a mandate name a citizen: "citizen:12".
std::string citizen_ref(std::int64_t citizen_id);

// How a row's link was made: plain SHA-256 (rows before migration 0012) or HMAC-SHA256 under the audit key.
enum class AuditScheme { sha256, hmac_sha256 };

std::string_view to_string(AuditScheme scheme);                        // "sha256", "hmac-sha256"
std::optional<AuditScheme> audit_scheme_from(std::string_view name);  // nothing for an unknown name

struct AuditEntry {
  std::int64_t seq = 0;      // 1, 2, 3 … with no gaps
  Instant at{};
  std::string actor;         // "citizen:12", "staff:mrossi", "system"
  std::string action;        // "pin.requested", "pin.login", "staff.login" …
  std::string subject;       // "citizen:12" …
  std::string details;       // short, never a secret or a full codice fiscale
  AuditScheme scheme = AuditScheme::hmac_sha256;
  std::string prev_hash;     // link of row seq-1 ("" before the first)
  std::string hash;          // this row's link

  // The plain SHA-256 link over the fields and prev_hash (what sha256 rows carry).
  std::string compute_hash() const;
  // The link this row must carry under its scheme: for hmac-sha256 rows the MAC under `key` of the scheme's
  // name, the fields and prev_hash; for sha256 rows compute_hash().
  std::string compute_link(const AuditKey& key) const;
};

// Checks a chain row by row in seq order and stops at the first row that breaks it. A keyed row's link needs
// the key; a sha256 row after a keyed one breaks the chain (it would be a downgrade that needs no key).
class AuditChainCheck {
 public:
  enum class Fault {
    changed,     // the row's link does not match its fields, or its prev_hash is not the link before
    missing,     // seq jumps: the rows between are gone (or rows are out of order)
    downgraded,  // a sha256 row after keyed rows
  };
  struct Break {
    std::int64_t seq;  // the row at fault (for `missing`, the first seq that is absent)
    Fault fault;
  };

  explicit AuditChainCheck(const AuditKey& key) : key_(key) {}
  // Checks the next row. Returns the break the first time the chain breaks and on every call after it.
  std::optional<Break> next(const AuditEntry& row);

  std::int64_t rows_checked() const { return checked_; }  // rows that hold, from seq 1
  const std::string& head_link() const { return prev_; }    // link of the last row that holds
  std::optional<std::int64_t> first_keyed_seq() const { return first_keyed_; }

 private:
  const AuditKey& key_;
  std::int64_t checked_ = 0;
  std::string prev_;
  std::optional<std::int64_t> first_keyed_;
  std::optional<Break> broken_;
};

// The first break of a whole chain, or nullopt when it holds.
std::optional<AuditChainCheck::Break> first_broken_link(const std::vector<AuditEntry>& rows_in_order,
                                                        const AuditKey& key);

}  // namespace sportello
