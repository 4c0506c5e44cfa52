#pragma once
// Writes a signed checkpoint of the audit log's head (issue 15): when the head differs from the last line of
// the checkpoint file, one line with the time (from the Clock), the head's seq and link, signed. Run by the
// server every `audit.checkpoint_every` and by `sportelloctl audit checkpoint`. Reads the log only.
#include <optional>

#include "audit/audit_checkpoint.h"
#include "audit/checkpoint_file.h"
#include "flows/flow_context.h"

namespace sportello {

class CheckpointAuditLog {
 public:
  CheckpointAuditLog(FlowContext& ctx, const CheckpointSigner& signer, const CheckpointFile& file)
      : ctx_(ctx), signer_(signer), file_(file) {}

  // The checkpoint written, or nullopt when the log is empty or the file's last line already holds its head.
  Result<std::optional<AuditCheckpoint>> run();

 private:
  FlowContext& ctx_;
  const CheckpointSigner& signer_;
  const CheckpointFile& file_;
};

}  // namespace sportello
