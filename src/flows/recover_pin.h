#pragma once
// Recovery, "ripristino" (SPEC §4.5). Start: the codice fiscale and at least two registered contacts among
// mobile, e-mail, PEC and PEC cittadino, matched as people write them (an address whatever its case, a number
// in any Italian writing); when they match, an e-mail brings a link token and a code and says how many minutes
// they last, and every older link of the holder stops working. The answer is the same whether or not
// anything matched, and costs the same: start() only checks the form, spends one of the codice fiscale's
// recoveries (counted alike for every code) and queues the request sealed; the courier's round then matches
// it (process_queued) and writes the link's ticket, message and audit row, or nothing. Confirm: token and code together (single-use,
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
  // Errors only for malformed input (invalid-cf-*, invalid-<contact>, too-few-contacts) and too-many-recoveries
  // (limited, with retry_after) once the codice fiscale has used its allowance; a well-formed request within
  // it always succeeds, matched or not, and changes nothing but the queue and the count.
  Status start(const RecoveryStart& input);
  // Matches up to `limit` queued requests, each in its own transaction; a request taken by another round is
  // left to it. Returns how many were taken. Errors: unavailable.
  Result<int> process_queued(int limit = 100);
  // Errors: recovery-link-unknown, recovery-link-used, recovery-link-expired, wrong-recovery-code.
  Status confirm(const std::string& token, const std::string& code);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
