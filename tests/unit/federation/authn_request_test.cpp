#include "federation/authn_request.h"

#include <boost/url/parse.hpp>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <zlib.h>

#include "core/civil_time.h"
#include "core/digest.h"
#include "federation/saml_names.h"
#include "federation/xml_document.h"
#include "federation/xml_nodes.h"
#include "federation/xml_signature.h"
#include "test_keys.h"

namespace sportello::federation {
namespace {

using testing::sp_key;
using testing::test_service_provider;

IdentityProvider idp_with(bool redirect, bool post) {
  IdentityProvider idp;
  idp.entity_id = "https://idp.example";
  if (redirect) idp.single_sign_on[std::string(kHttpRedirect)] = "https://idp.example/sso?tenant=1";
  if (post) idp.single_sign_on[std::string(kHttpPost)] = "https://idp.example/sso-post";
  return idp;
}

AuthnRequestInput input(SpidLevel level) {
  return {"_0123456789abcdef", Instant{std::chrono::seconds{1796000000}}, level, "a1b2c3"};
}

std::string inflate_raw(const std::string& bytes) {
  z_stream stream{};
  inflateInit2(&stream, -15);
  std::string out(64 * 1024, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  inflateEnd(&stream);
  out.resize(stream.total_out);
  return out;
}

bool verifies(const std::string& signed_bytes, const std::string& signature) {
  const auto* der = reinterpret_cast<const unsigned char*>(sp_key().certificate_der().data());
  std::unique_ptr<X509, decltype(&X509_free)> x509(d2i_X509(nullptr, &der, static_cast<long>(sp_key().certificate_der().size())),
                                                    X509_free);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, X509_get0_pubkey(x509.get()));
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(signed_bytes.data()), signed_bytes.size()) == 1;
}

TEST(AuthnRequest, TheRedirectBindingDeflatesAndSignsTheQueryAsSent) {
  auto out = make_authn_request(test_service_provider(), sp_key(), idp_with(true, true), input(SpidLevel::L2));
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_FALSE(out->post);
  auto url = boost::urls::parse_uri(out->url);
  ASSERT_TRUE(url) << out->url;
  EXPECT_EQ(std::string(url->encoded_path()), "/sso");
  const std::string query(url->encoded_query());
  EXPECT_TRUE(query.starts_with("tenant=1&SAMLRequest=")) << "the IdP's own query is kept";
  const auto signed_part = query.substr(query.find("SAMLRequest="), query.find("&Signature=") - query.find("SAMLRequest="));
  std::map<std::string, std::string> params;
  for (auto param : url->params()) params[std::string(param.key)] = std::string(param.value);
  EXPECT_EQ(params["RelayState"], "a1b2c3");
  EXPECT_EQ(params["SigAlg"], kRsaSha256);
  EXPECT_TRUE(verifies(signed_part, *base64_decode(params["Signature"])));
  EXPECT_FALSE(verifies(signed_part + "x", *base64_decode(params["Signature"])));

  const std::string xml = inflate_raw(*base64_decode(params["SAMLRequest"]));
  auto doc = XmlDocument::parse(xml);
  ASSERT_TRUE(doc) << xml;
  const xmlNode* root = doc->root();
  EXPECT_TRUE(is_element(root, kProtocolNs, "AuthnRequest"));
  EXPECT_EQ(attribute(root, "ID"), "_0123456789abcdef");
  EXPECT_EQ(attribute(root, "Destination"), "https://idp.example/sso?tenant=1");
  EXPECT_EQ(attribute(root, "IssueInstant"), format_utc_iso(input(SpidLevel::L2).issued_at));
  EXPECT_EQ(attribute(root, "ForceAuthn"), "true");
  EXPECT_FALSE(has_signature(root)) << "the Redirect binding signs the query, not the XML";
  const xmlNode* issuer = children(root, kAssertionNs, "Issuer").front();
  EXPECT_EQ(text(issuer), "https://sportello.example/spid");
  EXPECT_EQ(attribute(issuer, "NameQualifier"), "https://sportello.example/spid");
  const xmlNode* context = children(root, kProtocolNs, "RequestedAuthnContext").front();
  EXPECT_EQ(attribute(context, "Comparison"), "minimum");
  EXPECT_EQ(text(children(context, kAssertionNs, "AuthnContextClassRef").front()), "https://www.spid.gov.it/SpidL2");
}

TEST(AuthnRequest, ThePostBindingSignsTheXmlAfterTheIssuer) {
  auto out = make_authn_request(test_service_provider(), sp_key(), idp_with(true, true), input(SpidLevel::L3), true);
  ASSERT_TRUE(out);
  EXPECT_TRUE(out->post);
  EXPECT_EQ(out->url, "https://idp.example/sso-post");
  EXPECT_EQ(out->fields.at("RelayState"), "a1b2c3");
  const std::string xml = *base64_decode(out->fields.at("SAMLRequest"));
  auto doc = XmlDocument::parse(xml);
  ASSERT_TRUE(doc);
  EXPECT_TRUE(verify_enveloped(doc->root(), {sp_key().certificate_der()}));
  EXPECT_LT(xml.find("</saml:Issuer>"), xml.find("<ds:Signature")) << xml;
  EXPECT_NE(xml.find("SpidL3"), std::string::npos);
}

TEST(AuthnRequest, LevelOneDoesNotForceAuthenticationAndABindinglessIdpIsRefused) {
  const std::string xml = authn_request_xml(test_service_provider(), "https://idp.example/sso", input(SpidLevel::L1), nullptr);
  EXPECT_EQ(xml.find("ForceAuthn"), std::string::npos);
  auto post_only = make_authn_request(test_service_provider(), sp_key(), idp_with(false, true), input(SpidLevel::L2));
  ASSERT_TRUE(post_only);
  EXPECT_TRUE(post_only->post);
  auto none = make_authn_request(test_service_provider(), sp_key(), idp_with(false, false), input(SpidLevel::L2));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "idp-binding");
}

}  // namespace
}  // namespace sportello::federation
