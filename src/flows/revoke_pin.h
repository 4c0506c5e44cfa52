#pragma once
// Revocation, "revoca" (SPEC §4.6): by the holder online (with their PIN), at an office, or by the contact
// center after identity questions. Every session of the holder ends; a new PIN needs a new request. The
// holder is told on their notice channel.
#include "core/secret.h"
#include "flows/actor.h"
#include "flows/flow_context.h"

namespace sportello {

class RevokePin {
 public:
  explicit RevokePin(FlowContext& ctx) : ctx_(ctx) {}
  // The holder, from a citizen session, confirming with the current PIN. Errors: wrong-pin, illegal-transition.
  Status by_holder(const Session& session, const Secret& pin);
  // Office or contact center. `identity_checked` records that the caller answered the identity questions
  // (contact center) or showed a document (office); without it the revocation is refused.
  Status by_staff(const Actor& actor, const std::string& codice_fiscale, bool identity_checked, const std::string& reason);

 private:
  Status revoke(Repositories& repos, const std::string& actor, std::int64_t citizen_id, const std::string& why, Instant now);
  FlowContext& ctx_;
};

}  // namespace sportello
