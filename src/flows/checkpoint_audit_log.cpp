#include "flows/checkpoint_audit_log.h"

namespace sportello {

Result<std::optional<AuditCheckpoint>> CheckpointAuditLog::run() {
  std::optional<AuditEntry> head;
  Status read = ctx_.store.read([&](Repositories& repos) -> Status {
    head = repos.audit().head();
    return Ok{};
  });
  if (!read) return read.error();
  if (!head) return std::optional<AuditCheckpoint>();
  auto last = file_.last_line();
  if (!last) return last.error();
  if (*last) {
    // An unreadable last line says nothing about the head: a fresh checkpoint is written after it.
    const auto previous = AuditCheckpoint::parse(**last);
    if (previous && previous->seq == head->seq && previous->link == head->hash) return std::optional<AuditCheckpoint>();
  }
  AuditCheckpoint checkpoint = signer_.sign(ctx_.clock.now(), head->seq, head->hash);
  if (Status written = file_.append(checkpoint); !written) return written.error();
  return std::optional<AuditCheckpoint>(std::move(checkpoint));
}

}  // namespace sportello
