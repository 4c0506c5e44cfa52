#pragma once
// Recovery, "ripristino" (SPEC §4.5). Start: the codice fiscale and at least two registered contacts among
// mobile, e-mail, PEC and PEC cittadino, matched as people write them (an address whatever its case, a number
// in any Italian writing); when they match, an e-mail brings a link token and a code and says how many minutes
// they last, and every older link of the holder stops working. The answer is the same whether or not
// anything matched, and takes about the same time. Confirm: token and code together (single-use,
// short-lived; the code may be typed in groups) give a new 16-character PIN, first half by SMS and second by
// e-mail (both by e-mail without a mobile), and end every other link of the holder. The level is kept; every
// session ends; the lockout count of the codice fiscale starts afresh.
#include <string>

#include "flows/flow_context.h"

namespace sportello {

struct RecoveryStart {
  std::string codice_fiscale;
  std::string mobile, email, pec, pec_cittadino;
};

class RecoverPin {
 public:
  explicit RecoverPin(FlowContext& ctx) : ctx_(ctx) {}
  // Errors only for malformed input (invalid-cf-*, invalid-<contact>, too-few-contacts); a well-formed
  // request always succeeds, matched or not.
  Status start(const RecoveryStart& input);
  // Errors: recovery-link-unknown, recovery-link-used, recovery-link-expired, wrong-recovery-code.
  Status confirm(const std::string& token, const std::string& code);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
