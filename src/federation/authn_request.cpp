#include "federation/authn_request.h"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <zlib.h>

#include <memory>
#include <stdexcept>

#include "core/civil_time.h"
#include "core/digest.h"
#include "federation/saml_names.h"
#include "federation/xml_nodes.h"
#include "federation/xml_signature.h"

namespace sportello::federation {
namespace {

// Raw DEFLATE (RFC 1951, no zlib header), as the HTTP-Redirect binding carries SAMLRequest.
std::string deflate_raw(const std::string& bytes) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflate could not start");
  std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (done != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  out.resize(stream.total_out);
  return out;
}

// Percent-encodes all but RFC 3986's unreserved characters: what the binding signs is exactly what is sent.
std::string query_value(std::string_view value) { return boost::urls::encode(value, boost::urls::unreserved_chars); }

}  // namespace

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
    OutgoingRequest out;
    if (use_post) {
      out.post = true;
      out.url = post->second;
      out.fields["SAMLRequest"] = base64_encode(authn_request_xml(sp, out.url, input, &key));
      out.fields["RelayState"] = input.relay_state;
      return out;
    }
    const std::string xml = authn_request_xml(sp, redirect->second, input, nullptr);
    std::string query = "SAMLRequest=" + query_value(base64_encode(deflate_raw(xml))) +
                        "&RelayState=" + query_value(input.relay_state) + "&SigAlg=" + query_value(kRsaSha256);
    query += "&Signature=" + query_value(base64_encode(key.sign_rsa_sha256(query)));
    out.url = redirect->second + (redirect->second.find('?') == std::string::npos ? "?" : "&") + query;
    return out;
  } catch (const std::exception& e) {
    return Error::unavailable(e.what());
  }
}

}  // namespace sportello::federation
