#pragma once
// The XML namespaces and URIs of SAML 2.0, XML-DSig and the SPID and CIE extensions (issue 12), named once.
#include <string_view>

namespace sportello::federation {

inline constexpr const char* kMetadataNs = "urn:oasis:names:tc:SAML:2.0:metadata";
inline constexpr const char* kAssertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";
inline constexpr const char* kProtocolNs = "urn:oasis:names:tc:SAML:2.0:protocol";
inline constexpr const char* kSignatureNs = "http://www.w3.org/2000/09/xmldsig#";
inline constexpr const char* kSpidNs = "https://spid.gov.it/saml-extensions";
inline constexpr const char* kCieNs = "https://www.cartaidentita.interno.gov.it/saml-extensions";

inline constexpr std::string_view kHttpRedirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
inline constexpr std::string_view kHttpPost = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
inline constexpr const char* kTransientNameId = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
inline constexpr const char* kEntityNameId = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
inline constexpr const char* kAttributeBasic = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic";

}  // namespace sportello::federation
