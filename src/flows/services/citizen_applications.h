#pragma once
// "Ricerca tutte le tue domande" (SPEC §5): a citizen's own applications, searched by type, state and
// year; one with its timeline, data and attachments; withdrawal while it is still inviata (audited, the
// holder told by e-mail). Every lookup goes through the session's citizen: another citizen's application
// is not found.
#include <vector>

#include "flows/flow_context.h"
#include "services/application_repository.h"

namespace sportello {

class CitizenApplications {
 public:
  explicit CitizenApplications(FlowContext& ctx) : ctx_(ctx) {}
  // Newest first. Errors: citizens-only.
  Result<std::vector<Application>> search(const Session& session, std::optional<ApplicationType> type,
                                          std::optional<ApplicationState> state, std::optional<int> year);
  // Errors: citizens-only, application-not-found.
  Result<Application> get(const Session& session, std::int64_t id);
  Result<AttachmentFile> attachment(const Session& session, std::int64_t application_id, std::int64_t attachment_id);
  // Errors: application-not-found, application-not-pending (illegal_transition).
  Status withdraw(const Session& session, std::int64_t id);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
