#pragma once
// The back office's work on applications (SPEC §5): a queue per type of what is waiting (inviata) or in
// review, oldest first with its age; opening one shows whose it is (the viewing is audited, so the citizen
// sees who consulted their data); take in charge, then accept or reject with a reason. Each change is
// audited and e-mails the citizen through the outbox. Roles: back_office and admin.
#include <vector>

#include "flows/actor.h"
#include "flows/services/citizen_applications.h"

namespace sportello {

struct QueuedApplication {
  Application application;        // without fields
  std::string codice_fiscale;
  std::string surname, name;
};

struct ApplicationReview {
  Application application;
  Citizen holder;
};

// Ok for the roles that review applications (back office, administrator); forbidden otherwise. Every method
// below checks it; a handler may ask first, to refuse before reading a request's body.
Status may_review(const Actor& actor);

class ReviewApplications {
 public:
  explicit ReviewApplications(FlowContext& ctx) : ctx_(ctx) {}
  // Errors (all): forbidden for other roles; application-not-found.
  Result<std::vector<QueuedApplication>> queue(const Actor& actor, std::optional<ApplicationType> type, int limit = 200);
  Result<ApplicationReview> open(const Actor& actor, std::int64_t id);
  Result<AttachmentFile> attachment(const Actor& actor, std::int64_t application_id, std::int64_t attachment_id);
  // Errors: application-not-pending.
  Status take_in_charge(const Actor& actor, std::int64_t id);
  // Errors: application-not-in-review, reason-required.
  Status decide(const Actor& actor, std::int64_t id, bool accepted, const std::string& reason);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
