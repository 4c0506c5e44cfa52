#pragma once
// Checks the audit log against what a database administrator cannot rewrite (issue 15): the keyed chain row
// by row (a changed row, a gap, an unkeyed row after keyed ones), then every line of the checkpoint file —
// its signature under the given public keys, and that the log still holds that seq with that link (rows
// deleted from the end, or a chain recomputed after an edit). Every finding is named; reads only.
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_checkpoint.h"
#include "audit/audit_key.h"
#include "audit/checkpoint_file.h"
#include "flows/flow_context.h"

namespace sportello {

struct AuditFinding {
  bool tamper = true;                 // false: a warning (nothing proven wrong, something to look at)
  std::string code;                   // stable: "audit-row-changed", "audit-rows-missing", ...
  std::string message;                // a sentence for the operator
  std::optional<std::int64_t> seq;    // the row concerned
  std::optional<std::int64_t> line;   // the checkpoint file's line concerned, from 1
};

struct AuditReport {
  std::int64_t rows = 0;                        // rows in the log (the head's seq when it holds)
  std::int64_t rows_checked = 0;                // rows that hold, from seq 1
  std::optional<std::int64_t> first_keyed_seq;  // rows before it carry plain SHA-256 links
  std::int64_t checkpoints = 0;                 // checkpoint lines that hold
  std::optional<AuditCheckpoint> last_checkpoint;  // the last line that holds
  std::int64_t rows_after_last_checkpoint = 0;  // rows no checkpoint covers yet
  std::vector<AuditFinding> findings;
  bool tampered() const;
};

class VerifyAuditLog {
 public:
  // `public_keys`: base64url Ed25519 keys a checkpoint may be signed with. `checkpoint_every` is the
  // server's interval; rows older than twice that and in no checkpoint are warned about.
  VerifyAuditLog(FlowContext& ctx, const AuditKey& key, const CheckpointFile& file,
                 std::vector<std::string> public_keys, Seconds checkpoint_every)
      : ctx_(ctx), key_(key), file_(file), public_keys_(std::move(public_keys)), checkpoint_every_(checkpoint_every) {}

  // unavailable when the log or the file cannot be read; any tampering is in the report.
  Result<AuditReport> run();

 private:
  FlowContext& ctx_;
  const AuditKey& key_;
  const CheckpointFile& file_;
  std::vector<std::string> public_keys_;
  Seconds checkpoint_every_;
};

}  // namespace sportello
