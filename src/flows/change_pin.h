#pragma once
// Setting the personal PIN at first access and changing it every 3 months (SPEC §3): the holder gives the
// current PIN (the 16 characters at first access) and a new 8-character one that meets the policy and is
// none of the last 5. The session's required action is cleared; the holder's other sessions end.
#include "core/secret.h"
#include "flows/flow_context.h"

namespace sportello {

struct ChangePinInput {
  Secret current_pin;
  Secret new_pin;
};

class ChangePin {
 public:
  explicit ChangePin(FlowContext& ctx) : ctx_(ctx) {}
  // Errors: forbidden (not a citizen session), wrong-pin (current), pin-* policy errors, pin-reused,
  // pin-expired, illegal-transition.
  Status run(const Session& session, const ChangePinInput& input);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
