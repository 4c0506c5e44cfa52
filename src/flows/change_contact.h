#pragma once
// Changing a contact from the reserved area (SPEC §2). A new mobile number or e-mail address is used only
// after the holder types back the code sent to it (SMS or e-mail); other contacts (PEC, PEC cittadino,
// home and office phone, fax) are checked by format and changed at once, or removed when left empty. The
// mobile and the e-mail cannot be removed here: notices and PIN halves travel on them. Every change is
// audited; the old contact's holder learns of nothing new, since the code proves the new one.
#include <string>

#include "flows/flow_context.h"

namespace sportello {

struct ContactChange {
  std::string kind;   // "mobile", "email", "pec", "pec_cittadino", "home_phone", "office_phone", "fax"
  std::string value;  // as typed
};

enum class ContactChangeOutcome { changed, code_sent };

class ChangeContact {
 public:
  explicit ChangeContact(FlowContext& ctx) : ctx_(ctx) {}
  // Citizen session. Errors: invalid-contact-kind (field kind), invalid-<kind> (field value),
  // contact-required (field value: the mobile or e-mail left empty), contact-unchanged (field value).
  Result<ContactChangeOutcome> start(const Session& session, const ContactChange& change);
  // Errors: invalid-contact-kind, contact-code-unknown (nothing waits for a code), contact-code-used,
  // contact-code-expired, wrong-contact-code (all field code).
  Status confirm(const Session& session, const std::string& kind, const std::string& code);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
