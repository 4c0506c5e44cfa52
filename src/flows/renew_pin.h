#pragma once
// Renewal of a PIN that expired unused after 90 days (SPEC §3): the holder gives the codice fiscale and the
// expired 16-character PIN, nothing else; a new PIN is issued and its halves go on two channels. Wrong PINs
// count towards the same lockout as login.
#include "core/secret.h"
#include "flows/flow_context.h"

namespace sportello {

struct RenewalInput {
  std::string codice_fiscale;
  Secret expired_pin;
};

class RenewPin {
 public:
  explicit RenewPin(FlowContext& ctx) : ctx_(ctx) {}
  // Errors: invalid-cf-*, blocked, wrong-pin, pin-not-expired (the PIN still works: log in instead);
  // limited: too-many-renewals for the codice fiscale, too-many-letters when a half would go by post to a
  // holder who has had the letters' allowance (issue 15).
  Status run(const RenewalInput& input);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
