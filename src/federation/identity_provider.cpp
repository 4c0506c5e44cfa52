#include "federation/identity_provider.h"

#include <libxml/tree.h>
#include <openssl/x509.h>

#include <memory>

#include "core/digest.h"
#include "federation/saml_names.h"
#include "federation/xml_document.h"
#include "federation/xml_nodes.h"

namespace sportello::federation {
namespace {

Error bad_metadata(std::string message) { return Error::invalid("idp-metadata", std::move(message), "metadata"); }

bool absolute_http_url(std::string_view url) { return url.starts_with("https://") || url.starts_with("http://"); }

// The DER bytes of a ds:X509Certificate's base64 text (line breaks and spaces allowed), when OpenSSL reads them
// as one certificate and nothing more.
Result<std::string> certificate(const std::string& base64) {
  auto decoded = base64_decode(base64, " \t\r\n");
  if (!decoded || decoded->empty()) return bad_metadata("A signing certificate is not base64.");
  const std::string der = std::move(*decoded);
  const unsigned char* cursor = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<X509, decltype(&X509_free)> x509(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())),
                                                    X509_free);
  if (!x509 || cursor != reinterpret_cast<const unsigned char*>(der.data()) + der.size())
    return bad_metadata("A signing certificate is not an X.509 certificate.");
  return der;
}

}  // namespace

Result<IdentityProvider> read_identity_provider(std::string_view metadata_xml) {
  auto document = XmlDocument::parse(metadata_xml);
  if (!document) return document.error();
  const xmlNode* root = document->root();
  if (!is_element(root, kMetadataNs, "EntityDescriptor")) return bad_metadata("The metadata is not an md:EntityDescriptor.");
  IdentityProvider idp;
  idp.entity_id = attribute(root, "entityID");
  if (idp.entity_id.empty()) return bad_metadata("The EntityDescriptor has no entityID.");

  idp.display_name = idp.entity_id;
  for (const xmlNode* organization : children(root, kMetadataNs, "Organization")) {
    std::map<std::string, std::string> by_language;
    for (const xmlNode* name : children(organization, kMetadataNs, "OrganizationDisplayName")) {
      std::unique_ptr<xmlChar, decltype(xmlFree)> language(xmlNodeGetLang(name), xmlFree);
      by_language.try_emplace(language ? reinterpret_cast<const char*>(language.get()) : "", text(name));
    }
    for (const char* language : {"it", "en"})
      if (auto found = by_language.find(language); found != by_language.end() && !found->second.empty()) {
        idp.display_name = found->second;
        break;
      }
    if (idp.display_name == idp.entity_id && !by_language.empty() && !by_language.begin()->second.empty())
      idp.display_name = by_language.begin()->second;
  }

  const auto descriptors = children(root, kMetadataNs, "IDPSSODescriptor");
  if (descriptors.size() != 1) return bad_metadata("The metadata must describe exactly one IDPSSODescriptor.");
  const xmlNode* idp_descriptor = descriptors.front();
  if (attribute(idp_descriptor, "protocolSupportEnumeration").find(kProtocolNs) == std::string::npos)
    return bad_metadata("The IDPSSODescriptor does not support SAML 2.0.");

  for (const xmlNode* key : children(idp_descriptor, kMetadataNs, "KeyDescriptor")) {
    const std::string use = attribute(key, "use");
    if (!use.empty() && use != "signing") continue;  // encryption keys are not for checking signatures
    for (const xmlNode* info : children(key, kSignatureNs, "KeyInfo"))
      for (const xmlNode* data : children(info, kSignatureNs, "X509Data"))
        for (const xmlNode* cert : children(data, kSignatureNs, "X509Certificate")) {
          auto der = certificate(text(cert));
          if (!der) return der.error();
          idp.signing_certificates.push_back(std::move(*der));
        }
  }
  if (idp.signing_certificates.empty()) return bad_metadata("The IDPSSODescriptor has no signing certificate.");

  for (auto [name, services] : {std::pair{"SingleSignOnService", &idp.single_sign_on},
                                std::pair{"SingleLogoutService", &idp.single_logout}}) {
    for (const xmlNode* service : children(idp_descriptor, kMetadataNs, name)) {
      const std::string binding = attribute(service, "Binding"), location = attribute(service, "Location");
      if (binding.empty() || !absolute_http_url(location))
        return bad_metadata(std::string("A ") + name + " has no Binding or no absolute http(s) Location.");
      services->try_emplace(binding, location);  // the first of a binding, as the metadata orders them
    }
  }
  if (!idp.single_sign_on.contains(kHttpRedirect) && !idp.single_sign_on.contains(kHttpPost))
    return bad_metadata("The IDPSSODescriptor has no SingleSignOnService for HTTP-Redirect or HTTP-POST.");
  return idp;
}

}  // namespace sportello::federation
