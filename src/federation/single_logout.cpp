#include "federation/single_logout.h"

#include <libxml/tree.h>

#include <memory>
#include <stdexcept>

#include "core/civil_time.h"
#include "core/digest.h"
#include "federation/saml_names.h"
#include "federation/xml_document.h"
#include "federation/xml_nodes.h"
#include "federation/xml_signature.h"

namespace sportello::federation {
namespace {

constexpr const char* kSuccessStatus = "urn:oasis:names:tc:SAML:2.0:status:Success";

Error bad_logout(std::string message) { return Error::invalid("saml-logout", std::move(message), "SAMLRequest"); }

using Doc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// A LogoutRequest or LogoutResponse root with ID, Version, IssueInstant, Destination and our Issuer.
xmlNode* message_root(xmlDoc* doc, const ServiceProvider& sp, const std::string& id, Instant now,
                      const std::string& destination, xmlNode** issuer) {
  xmlNode* root = xmlDocGetRootElement(doc);
  xmlNewNs(root, BAD_CAST kAssertionNs, BAD_CAST "saml");
  set_attribute(root, "ID", id);
  set_attribute(root, "Version", "2.0");
  set_attribute(root, "IssueInstant", format_utc_iso(now));
  set_attribute(root, "Destination", destination);
  *issuer = add_element(root, kAssertionNs, "saml", "Issuer", sp.entity_id);
  set_attribute(*issuer, "NameQualifier", sp.entity_id);
  set_attribute(*issuer, "Format", kEntityNameId);
  return root;
}

// Where to send: HTTP-Redirect where the IdP offers it, else HTTP-POST.
struct Endpoint {
  std::string location;
  bool redirect = false;
};

Result<Endpoint> slo_endpoint(const IdentityProvider& idp) {
  if (auto found = idp.single_logout.find(kHttpRedirect); found != idp.single_logout.end()) return Endpoint{found->second, true};
  if (auto found = idp.single_logout.find(kHttpPost); found != idp.single_logout.end()) return Endpoint{found->second, false};
  return Error::invalid("idp-binding", "The identity provider has no SingleLogoutService.", "idp");
}

Result<OutgoingRequest> send(Doc& doc, xmlNode* root, xmlNode* issuer, bool redirect, const std::string& location,
                             std::string_view parameter, const std::string& relay_state, const SigningKey& key) {
  if (redirect) return redirect_message(location, parameter, serialize(doc.get()), relay_state, key);
  if (Status signed_ = sign_enveloped(root, key, issuer); !signed_) return Error::unavailable(signed_.error().message);
  return post_message(location, parameter, serialize(doc.get()), relay_state);
}

}  // namespace

Result<OutgoingRequest> logout_request(const ServiceProvider& sp, const SigningKey& key, const IdentityProvider& idp,
                                       const std::string& name_id, const std::string& session_index,
                                       const std::string& id, Instant now) {
  auto endpoint = slo_endpoint(idp);
  if (!endpoint) return endpoint.error();
  Doc doc(new_document(kProtocolNs, "samlp", "LogoutRequest"), xmlFreeDoc);
  xmlNode* issuer = nullptr;
  xmlNode* root = message_root(doc.get(), sp, id, now, endpoint->location, &issuer);
  xmlNode* name = add_element(root, kAssertionNs, "saml", "NameID", name_id);
  set_attribute(name, "NameQualifier", idp.entity_id);
  set_attribute(name, "Format", kTransientNameId);
  if (!session_index.empty()) add_element(root, kProtocolNs, "samlp", "SessionIndex", session_index);
  return send(doc, root, issuer, endpoint->redirect, endpoint->location, "SAMLRequest", "", key);
}

Result<OutgoingRequest> logout_response(const ServiceProvider& sp, const SigningKey& key, const IdentityProvider& idp,
                                        const std::string& in_response_to, const std::string& id, Instant now,
                                        const std::string& relay_state) {
  auto endpoint = slo_endpoint(idp);
  if (!endpoint) return endpoint.error();
  Doc doc(new_document(kProtocolNs, "samlp", "LogoutResponse"), xmlFreeDoc);
  xmlNode* issuer = nullptr;
  xmlNode* root = message_root(doc.get(), sp, id, now, endpoint->location, &issuer);
  set_attribute(root, "InResponseTo", in_response_to);
  xmlNode* status = add_element(root, kProtocolNs, "samlp", "Status");
  set_attribute(add_element(status, kProtocolNs, "samlp", "StatusCode"), "Value", kSuccessStatus);
  return send(doc, root, issuer, endpoint->redirect, endpoint->location, "SAMLResponse", relay_state, key);
}

Result<LogoutMessage> read_logout_message(const std::map<std::string, std::string>& fields, std::string_view raw_query,
                                          bool redirect, const ServiceProvider& sp, const IdentityProviders& idps) {
  LogoutMessage message;
  auto field = [&](const char* name) {
    const auto found = fields.find(name);
    return found == fields.end() ? std::string() : found->second;
  };
  message.request = fields.contains("SAMLRequest");
  const std::string encoded = field(message.request ? "SAMLRequest" : "SAMLResponse");
  if (encoded.empty()) return bad_logout("No SAMLRequest or SAMLResponse.");
  message.relay_state = field("RelayState");
  std::string xml;
  if (redirect) {
    auto inflated = redirect_xml(encoded);
    if (!inflated) return inflated.error();
    xml = std::move(*inflated);
  } else {
    auto decoded = base64_decode(encoded, " \t\r\n");
    if (!decoded) return bad_logout("The message is not base64.");
    xml = std::move(*decoded);
  }
  auto document = XmlDocument::parse(xml);
  if (!document) return bad_logout("The message is not readable XML.");
  xmlNode* root = document->root();
  if (!is_element(root, kProtocolNs, message.request ? "LogoutRequest" : "LogoutResponse"))
    return bad_logout("The message is not a LogoutRequest or LogoutResponse.");
  const auto issuers = children(root, kAssertionNs, "Issuer");
  if (issuers.size() != 1) return bad_logout("The message has no Issuer.");
  message.idp = idps.find(text(issuers.front()));
  if (message.idp == nullptr) return bad_logout("The message comes from an unknown identity provider.");
  if (attribute(root, "Version") != "2.0" || attribute(root, "ID").empty()) return bad_logout("The message has no ID.");
  if (attribute(root, "Destination") != sp.single_logout_url()) return bad_logout("The message is not for our SLO.");
  if (redirect) {
    if (Status s = verify_redirect_signature(raw_query, message.idp->signing_certificates); !s) return s.error();
  } else {
    if (Status s = verify_enveloped(root, message.idp->signing_certificates); !s) return s.error();
  }
  message.id = attribute(root, "ID");
  if (message.request) {
    const auto names = children(root, kAssertionNs, "NameID");
    if (names.size() != 1 || text(names.front()).empty()) return bad_logout("The LogoutRequest has no NameID.");
    message.name_id = text(names.front());
    for (const xmlNode* index : children(root, kProtocolNs, "SessionIndex")) message.session_indexes.push_back(text(index));
  } else {
    message.in_response_to = attribute(root, "InResponseTo");
    const auto status = children(root, kProtocolNs, "Status");
    const auto code = status.empty() ? std::vector<const xmlNode*>{} : children(status.front(), kProtocolNs, "StatusCode");
    message.success = !code.empty() && attribute(code.front(), "Value") == kSuccessStatus;
  }
  return message;
}

}  // namespace sportello::federation
