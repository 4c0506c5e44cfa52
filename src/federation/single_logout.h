#pragma once
// Single logout with SPID and CIE identity providers (issue 12), both ways:
//  - SP-initiated: the citizen leaves sportello; logout_request() is the signed LogoutRequest (NameID and
//    SessionIndex of the IdP's session) that tells the IdP, HTTP-Redirect where it offers it, else HTTP-POST; the
//    IdP's LogoutResponse comes back to /saml/slo.
//  - IdP-initiated: read_logout_message() reads what arrives at /saml/slo (a LogoutRequest or a LogoutResponse, by
//    either binding): from a known IdP (its Issuer), signed by it (the query for HTTP-Redirect, the XML for
//    HTTP-POST), sent to our SLO; logout_response() answers a LogoutRequest, signed.
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "federation/identity_providers.h"
#include "federation/saml_binding.h"
#include "federation/service_provider.h"
#include "federation/signing_key.h"

namespace sportello::federation {

struct LogoutMessage {
  bool request = false;                 // a LogoutRequest (else a LogoutResponse)
  const IdentityProvider* idp = nullptr;
  std::string id;
  std::string name_id;                  // requests
  std::vector<std::string> session_indexes;  // requests
  std::string in_response_to;           // responses
  bool success = false;                 // responses: StatusCode Success
  std::string relay_state;
};

// Errors: invalid_input idp-binding (the IdP has no SingleLogoutService); unavailable (signing).
Result<OutgoingRequest> logout_request(const ServiceProvider& sp, const SigningKey& key, const IdentityProvider& idp,
                                       const std::string& name_id, const std::string& session_index,
                                       const std::string& id, Instant now);
Result<OutgoingRequest> logout_response(const ServiceProvider& sp, const SigningKey& key, const IdentityProvider& idp,
                                        const std::string& in_response_to, const std::string& id, Instant now,
                                        const std::string& relay_state);

// `fields`: the query's parameters (HTTP-Redirect, `raw_query` as received) or the form's (HTTP-POST).
// Errors: invalid_input saml-binding / saml-signature / saml-logout naming what is wrong.
Result<LogoutMessage> read_logout_message(const std::map<std::string, std::string>& fields, std::string_view raw_query,
                                          bool redirect, const ServiceProvider& sp, const IdentityProviders& idps);

}  // namespace sportello::federation
