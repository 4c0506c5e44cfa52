#pragma once
// sportello as a SAML service provider (issue 12): who it says it is to SPID's and CIE's identity providers, and
// where they answer. One value, from configuration ([federation]); the URLs of its endpoints derive from
// `public_url`, so metadata, AuthnRequests and the ACS's checks always agree.
#include <string>
#include <vector>

namespace sportello::federation {

// The SPID level asked for: https://www.spid.gov.it/SpidL1 .. SpidL3. CIE's levels have the same URIs.
enum class SpidLevel { L1 = 1, L2 = 2, L3 = 3 };
std::string spid_level_uri(SpidLevel level);

struct ServiceProvider {
  std::string entity_id;                  // https://..., no port, no query (registered with AgID)
  std::string public_url;                 // https://host[:port], where the endpoints below are served
  std::string organization_name;          // as in the IPA index, e.g. "Istituto Nazionale della Previdenza Sociale"
  std::string organization_display_name;  // short, e.g. "INPS"
  std::string organization_url;           // the institute's site
  std::string ipa_code;                   // the public administration's code in the IPA index
  std::string contact_email;              // the SP's contact for AgID and the IdPs
  std::string contact_phone;              // +39...
  std::string municipality;               // CIE: the seat's ISTAT code, e.g. 058091 (Roma)
  std::string province;                   // CIE: e.g. RM
  SpidLevel level = SpidLevel::L2;        // what a login asks; L2 and L3 also ForceAuthn

  std::string assertion_consumer_url() const { return public_url + "/saml/acs"; }
  std::string single_logout_url() const { return public_url + "/saml/slo"; }
  std::string metadata_url(bool cie) const { return public_url + (cie ? "/saml/metadata/cie" : "/saml/metadata"); }
};

// The attributes sportello asks of a SPID IdP (AttributeConsumingService index 0) and of CIE's, which offers
// only the four it names: enough to find the citizen by codice fiscale and make a holder record of an unknown one.
const std::vector<std::string>& spid_attributes();
const std::vector<std::string>& cie_attributes();

}  // namespace sportello::federation
