#pragma once
// The audit log's storage: append computes the chain link (HMAC-SHA256 under the audit key) inside the
// caller's transaction, so the row and the state change it records commit together. Implemented in store/.
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_entry.h"

namespace sportello {

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Appends a keyed row (seq, scheme, prev_hash and hash are filled in) and returns it. Throws StoreFailure
  // when the log was opened without the audit key (only reads need none).
  virtual AuditEntry append(const std::string& actor, const std::string& action, const std::string& subject,
                            const std::string& details, Instant at) = 0;
  // Rows in seq order starting at `from_seq`, at most `limit`.
  virtual std::vector<AuditEntry> read(std::int64_t from_seq, int limit) = 0;
  // Rows about a subject, newest first (what a citizen sees of who acted on their data).
  virtual std::vector<AuditEntry> about(const std::string& subject, int limit) = 0;
  // The last row, or nothing when the log is empty.
  virtual std::optional<AuditEntry> head() = 0;
  // The seq of the first keyed (hmac-sha256) row, or nothing when no row is keyed.
  virtual std::optional<std::int64_t> first_keyed_seq() = 0;
};

}  // namespace sportello
