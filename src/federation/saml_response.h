#pragma once
// The Response an identity provider posts to /saml/acs (issue 12), read and checked as SPID's technical rules
// and AgID's spid-sp-test require before anyone is let in:
//  - the Response: Version 2.0, an ID, IssueInstant (UTC, from the request's to now, with the configured skew),
//    InResponseTo = the pending request's ID, Destination = our ACS, Issuer = the IdP (Format absent or entity),
//    its signature verified when it has one (xml_signature: no wrapping, only the IdP's keys);
//  - its Status: anything but Success ends here, with the SPID ErrorCode (nr19..nr25) when the IdP gives one;
//  - exactly one Assertion, always signed by the IdP, with an ID, Version 2.0, IssueInstant as above, Issuer = the
//    IdP with Format entity, a transient NameID with its NameQualifier, a bearer SubjectConfirmation whose data
//    names our ACS as Recipient, the request's ID and a NotOnOrAfter still to come, Conditions (NotBefore not yet
//    to come, NotOnOrAfter to come, Audience = our entityID), an AuthnStatement whose AuthnContextClassRef is a
//    SpidL level at least the one asked for, and an AttributeStatement that, when present, holds attributes.
// The document is parsed by XmlDocument (no DTD, no entities, no network, size-limited). Pure: the caller looks the
// pending request up and checks the browser.
#include <map>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "federation/identity_provider.h"
#include "federation/service_provider.h"

namespace sportello::federation {

struct ResponseContext {
  const ServiceProvider& sp;
  const IdentityProvider& idp;
  std::string request_id;
  Instant requested_at{};
  SpidLevel requested_level = SpidLevel::L2;
  Instant now{};
  Seconds skew{180};
  bool cie = false;             // CIE's IdP: the Assertion's Issuer may omit its Format (CIE's SAML profile)
};

struct AssertedIdentity {
  std::string idp_entity_id;
  SpidLevel level = SpidLevel::L2;
  std::string name_id;          // transient: for single logout only
  std::string session_index;
  std::map<std::string, std::string> attributes;  // by Name, the first value of each
};

// Errors: invalid_input "saml-response" (the message names the check that failed); forbidden "spid-nr19" ..
// "spid-nr25" when the IdP answers with that SPID ErrorCode, "saml-status" for another non-Success status.
Result<AssertedIdentity> read_response(std::string_view xml, const ResponseContext& context);

}  // namespace sportello::federation
