#pragma once
// Citizen login with codice fiscale and PIN (SPEC §3). A blocked code is refused without checking the PIN
// and the attempt does not count; a wrong PIN blocks for n × 3 minutes; a right one resets the count. An
// unknown code is treated exactly like a known one with a wrong PIN — same error, same block, same time
// (a dummy hash is computed). A right PIN opens a session whose required action is set_pin (first access),
// change_pin (3 months passed) or none; the hash is upgraded when the configured parameters grew.
#include <functional>

#include "core/secret.h"
#include "flows/citizen_lookup.h"
#include "flows/flow_context.h"
#include "flows/sessions.h"

namespace sportello {

struct LoginInput {
  std::string codice_fiscale;
  Secret pin;
};

class Login {
 public:
  explicit Login(FlowContext& ctx) : ctx_(ctx) {}
  // Errors: invalid-cf-* (malformed code), blocked (retry_after), wrong-pin (retry_after = the block it
  // caused), pin-expired, pin-revoked, pin-not-active. The messages of blocked and wrong-pin say in how many
  // minutes and at what Rome time the next try is possible (docs/decisions/0008). The code may be typed in
  // groups and the PIN with spaces or dashes between its halves.
  Result<OpenedSession> run(const LoginInput& input);

 private:
  void upgrade_hash(const Holder& holder, const Secret& typed_pin);

  FlowContext& ctx_;
};

// What a caller does after a right PIN, in the transaction that resets the count. When it returns an error its
// writes are undone, the count is still reset, and check_pin_with_lockout returns that error.
using AfterRightPin = std::function<Status(Repositories&, const Holder&)>;

// Shared by login and renewal: checks a PIN for a codice fiscale under the lockout rule. The attempt is
// counted before the PIN is checked (refused as blocked, unchecked, while a block lasts); a wrong PIN or an
// unknown code then returns wrong-pin, a right one resets the count, runs `after_right` and returns the holder.
Result<Holder> check_pin_with_lockout(FlowContext& ctx, const std::string& codice_fiscale, const Secret& typed_pin,
                                      Instant now, const AfterRightPin& after_right = {});

}  // namespace sportello
