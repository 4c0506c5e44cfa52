#pragma once
// Use case (issue 12): the identity provider's answer arrives at the ACS. The pending login it answers is taken
// (so it is used once, whatever the answer), then checked: it must exist (else the Response was unsolicited or
// replayed), be in time, and have been started by this browser (its cookie); then the Response itself
// (federation/saml_response). The citizen is the asserted fiscalNumber's (enrolled from the asserted name,
// surname, e-mail and mobile when sportello does not know them: federated_session.h); a session opens as the PIN's
// would, recording the method (spid or cie) and the IdP; SPID levels 2 and 3 and CIE count as dispositivo.
// One audit row "spid.login" / "cie.login" names the level and the IdP.
// Errors (the web maps each to a page): invalid_input saml-unsolicited / saml-expired / saml-other-browser /
// saml-response / saml-fiscal-number; forbidden spid-nr19..spid-nr25 / saml-status (the IdP's own refusal);
// not_found federated-unknown (a person sportello does not know, with no name asserted to enrol them); unavailable.
#include <string>

#include "federation/federation.h"
#include "flows/flow_context.h"
#include "flows/sessions.h"

namespace sportello {

struct FinishedLogin {
  OpenedSession opened;
  std::string return_path;
};

class FinishFederatedLogin {
 public:
  FinishFederatedLogin(FlowContext& ctx, const federation::Federation& federation) : ctx_(ctx), federation_(federation) {}
  // `saml_response`: the form's SAMLResponse (base64); `relay_state` as posted; `browser_token`: the login cookie.
  Result<FinishedLogin> run(const std::string& saml_response, const std::string& relay_state,
                            const std::string& browser_token);

 private:
  FlowContext& ctx_;
  const federation::Federation& federation_;
};

}  // namespace sportello
