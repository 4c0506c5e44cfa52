#pragma once
// An identity provider as its SAML metadata describes it (issue 12): the SPID registry's entries, the CIE
// provider's, or a test IdP's. read_identity_provider() takes one md:EntityDescriptor (parsed hardened by
// XmlDocument) and keeps what a service provider needs: the entityID, where to send an AuthnRequest for each
// binding, where to send a LogoutRequest, and the certificates its signatures are checked against (DER, each
// parsed by OpenSSL before it is kept). Errors are invalid_input naming what is missing or wrong, code
// idp-metadata (or the parser's own). The metadata's own signature is checked elsewhere, with the registry's key.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "federation/saml_names.h"

namespace sportello::federation {

struct IdentityProvider {
  std::string entity_id;
  std::string display_name;  // Organization's display name (Italian first, then English, then any); else entityID
  std::map<std::string, std::string, std::less<>> single_sign_on;   // binding -> Location
  std::map<std::string, std::string, std::less<>> single_logout;    // binding -> Location
  std::vector<std::string> signing_certificates;                    // DER bytes
};

Result<IdentityProvider> read_identity_provider(std::string_view metadata_xml);

}  // namespace sportello::federation
