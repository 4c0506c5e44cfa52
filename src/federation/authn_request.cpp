#include "federation/authn_request.h"

#include <memory>
#include <stdexcept>

#include "core/civil_time.h"
#include "federation/saml_names.h"
#include "federation/xml_nodes.h"
#include "federation/xml_signature.h"

namespace sportello::federation {

std::string authn_request_xml(const ServiceProvider& sp, const std::string& destination, const AuthnRequestInput& input,
                              const SigningKey* sign_with) {
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(new_document(kProtocolNs, "samlp", "AuthnRequest"), xmlFreeDoc);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  xmlNewNs(root, BAD_CAST kAssertionNs, BAD_CAST "saml");
  set_attribute(root, "ID", input.id);
  set_attribute(root, "Version", "2.0");
  set_attribute(root, "IssueInstant", format_utc_iso(input.issued_at));
  set_attribute(root, "Destination", destination);
  if (input.level != SpidLevel::L1) set_attribute(root, "ForceAuthn", "true");
  set_attribute(root, "AssertionConsumerServiceIndex", "0");
  set_attribute(root, "AttributeConsumingServiceIndex", "0");

  xmlNode* issuer = add_element(root, kAssertionNs, "saml", "Issuer", sp.entity_id);
  set_attribute(issuer, "NameQualifier", sp.entity_id);
  set_attribute(issuer, "Format", kEntityNameId);
  xmlNode* policy = add_element(root, kProtocolNs, "samlp", "NameIDPolicy");
  set_attribute(policy, "Format", kTransientNameId);
  xmlNode* context = add_element(root, kProtocolNs, "samlp", "RequestedAuthnContext");
  set_attribute(context, "Comparison", "minimum");
  add_element(context, kAssertionNs, "saml", "AuthnContextClassRef", spid_level_uri(input.level));

  if (sign_with != nullptr) {
    if (Status signed_ = sign_enveloped(root, *sign_with, issuer); !signed_)
      throw std::runtime_error("the AuthnRequest could not be signed: " + signed_.error().message);
  }
  return serialize(doc.get());
}

Result<OutgoingRequest> make_authn_request(const ServiceProvider& sp, const SigningKey& key,
                                           const IdentityProvider& idp, const AuthnRequestInput& input,
                                           bool prefer_post) {
  const auto redirect = idp.single_sign_on.find(kHttpRedirect);
  const auto post = idp.single_sign_on.find(kHttpPost);
  const bool use_post = post != idp.single_sign_on.end() && (prefer_post || redirect == idp.single_sign_on.end());
  if (!use_post && redirect == idp.single_sign_on.end())
    return Error::invalid("idp-binding", "The identity provider offers neither HTTP-Redirect nor HTTP-POST.", "idp");
  try {
    if (use_post)
      return post_message(post->second, "SAMLRequest", authn_request_xml(sp, post->second, input, &key), input.relay_state);
    return redirect_message(redirect->second, "SAMLRequest", authn_request_xml(sp, redirect->second, input, nullptr),
                            input.relay_state, key);
  } catch (const std::exception& e) {
    return Error::unavailable(e.what());
  }
}

}  // namespace sportello::federation
