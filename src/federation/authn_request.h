#pragma once
// The AuthnRequest sportello sends an identity provider (issue 12), as SPID's technical rules want it: a fresh
// ID, IssueInstant in UTC, Destination = the IdP's sign-on URL for the binding, ForceAuthn for levels 2 and 3,
// AssertionConsumerServiceIndex and AttributeConsumingServiceIndex 0 (the metadata's), Issuer with Format
// entity and NameQualifier, NameIDPolicy transient, RequestedAuthnContext "minimum" at the configured level.
// Signed with RSA-SHA256: for HTTP-POST an enveloped signature after the Issuer; for HTTP-Redirect the query
// string (SAMLRequest deflated and base64, RelayState, SigAlg) as the binding prescribes. The RelayState is
// opaque (a random handle of the pending login, never a URL).
#include <map>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "federation/identity_provider.h"
#include "federation/saml_binding.h"
#include "federation/service_provider.h"
#include "federation/signing_key.h"

namespace sportello::federation {

struct AuthnRequestInput {
  std::string id;            // "_" + random hex: an xs:ID
  Instant issued_at;
  SpidLevel level = SpidLevel::L2;
  std::string relay_state;   // opaque
};

// Picks HTTP-Redirect when the IdP offers it and `prefer_post` is false, else HTTP-POST. Errors: the IdP offers
// neither binding (invalid_input idp-binding); signing failed (unavailable).
Result<OutgoingRequest> make_authn_request(const ServiceProvider& sp, const SigningKey& key,
                                           const IdentityProvider& idp, const AuthnRequestInput& input,
                                           bool prefer_post = false);

// The request's XML before signing and encoding (tests read it).
std::string authn_request_xml(const ServiceProvider& sp, const std::string& destination,
                              const AuthnRequestInput& input, const SigningKey* sign_with);

}  // namespace sportello::federation
