#pragma once
// How SAML messages travel through the browser (issue 12): HTTP-Redirect (the XML deflated, base64, in the query,
// the query signed with RSA-SHA256) and HTTP-POST (base64 of the XML, signed inside, in a self-posting form). Used
// by the AuthnRequest and by single logout, both ways.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "federation/signing_key.h"

namespace sportello::federation {

inline constexpr std::string_view kRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

// How the browser carries a message: a redirect to `url`, or a form POSTed to `url` with `fields`.
struct OutgoingRequest {
  bool post = false;
  std::string url;
  std::map<std::string, std::string> fields;  // POST only: SAMLRequest or SAMLResponse, RelayState
};

// `parameter` is "SAMLRequest" or "SAMLResponse"; `xml` unsigned (the query is signed).
OutgoingRequest redirect_message(const std::string& location, std::string_view parameter, const std::string& xml,
                                 const std::string& relay_state, const SigningKey& key);
// `signed_xml` already carries its enveloped signature.
OutgoingRequest post_message(const std::string& location, std::string_view parameter, const std::string& signed_xml,
                             const std::string& relay_state);

// An HTTP-Redirect message's XML: base64 then raw inflate, at most `max_bytes` (invalid_input saml-binding).
Result<std::string> redirect_xml(std::string_view base64, std::size_t max_bytes = 256 * 1024);

// Checks an HTTP-Redirect message's Signature against `certificates` (DER): over the raw query as received, its
// SAMLRequest or SAMLResponse, RelayState (when sent) and SigAlg parameters, in that order, as their encoded bytes;
// SigAlg must be RSA-SHA256. invalid_input saml-signature otherwise.
Status verify_redirect_signature(std::string_view raw_query, const std::vector<std::string>& certificates);

}  // namespace sportello::federation
