// federation/saml_binding's HTTP-Redirect signature and federation/single_logout: our LogoutRequest and
// LogoutResponse as an IdP reads them, and what an IdP sends to /saml/slo read only when it holds.
#include "federation/single_logout.h"

#include <boost/url/parse.hpp>
#include <gtest/gtest.h>

#include "core/civil_time.h"
#include "federation/saml_names.h"
#include "federation/xml_document.h"
#include "federation/xml_nodes.h"
#include "test_keys.h"

namespace sportello::federation {
namespace {

using testing::idp_key;
using testing::sp_key;
using testing::test_service_provider;

const Instant kLogoutAt = *parse_utc_iso("2026-12-05T12:00:00Z");

IdentityProvider slo_idp(bool redirect = true) {
  IdentityProvider idp;
  idp.entity_id = "https://idp.example";
  idp.single_logout[std::string(redirect ? kHttpRedirect : kHttpPost)] = "https://idp.example/slo";
  idp.signing_certificates = {idp_key().certificate_der()};
  return idp;
}

std::string query_of(const std::string& url) { return url.substr(url.find('?') + 1); }

std::map<std::string, std::string> params_of(const std::string& url) {
  std::map<std::string, std::string> params;
  for (auto p : boost::urls::parse_uri(url)->params()) params[std::string(p.key)] = std::string(p.value);
  return params;
}

TEST(SingleLogout, OurLogoutRequestIsSignedOnTheQueryAndNamesTheIdpsSession) {
  auto out = logout_request(test_service_provider(), sp_key(), slo_idp(), "_name", "_session", "_logout-1", kLogoutAt);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_FALSE(out->post);
  EXPECT_TRUE(verify_redirect_signature(query_of(out->url), {sp_key().certificate_der()}));
  EXPECT_FALSE(verify_redirect_signature(query_of(out->url), {idp_key().certificate_der()})) << "another key";
  std::string changed = query_of(out->url);
  changed[20] = changed[20] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_redirect_signature(changed, {sp_key().certificate_der()})) << "a changed byte";
  auto xml = redirect_xml(params_of(out->url)["SAMLRequest"]);
  ASSERT_TRUE(xml);
  auto doc = XmlDocument::parse(*xml);
  ASSERT_TRUE(doc);
  EXPECT_TRUE(is_element(doc->root(), kProtocolNs, "LogoutRequest"));
  EXPECT_EQ(attribute(doc->root(), "Destination"), "https://idp.example/slo");
  EXPECT_EQ(text(children(doc->root(), kAssertionNs, "NameID").front()), "_name");
  EXPECT_EQ(text(children(doc->root(), kProtocolNs, "SessionIndex").front()), "_session");
}

TEST(SingleLogout, WithoutAnSloEndpointThereIsNothingToSend) {
  IdentityProvider none = slo_idp();
  none.single_logout.clear();
  auto out = logout_request(test_service_provider(), sp_key(), none, "_name", "", "_logout-1", kLogoutAt);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, "idp-binding");
}

// An IdP's LogoutRequest by HTTP-POST, made here with the code that makes ours, then signed by the IdP's key.
std::map<std::string, std::string> idp_logout_post(const SigningKey& signer, const std::string& destination) {
  ServiceProvider as_idp;
  as_idp.entity_id = "https://idp.example";
  IdentityProvider to_us;
  to_us.entity_id = "https://sportello.example/spid";
  to_us.single_logout[std::string(kHttpPost)] = destination;
  auto out = logout_request(as_idp, signer, to_us, "_name", "_session", "_idp-logout-1", kLogoutAt);
  EXPECT_TRUE(out && out->post);
  return out->fields;
}

TEST(SingleLogout, AnIdpsSignedLogoutRequestIsReadAndAForgedOneIsNot) {
  IdentityProviders idps;
  idps.add(slo_idp());
  auto read = read_logout_message(idp_logout_post(idp_key(), "https://127.0.0.1:8443/saml/slo"), "", false, test_service_provider(), idps);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_TRUE(read->request);
  EXPECT_EQ(read->idp->entity_id, "https://idp.example");
  EXPECT_EQ(read->name_id, "_name");
  EXPECT_EQ(read->session_indexes, std::vector<std::string>{"_session"});

  auto forged = read_logout_message(idp_logout_post(sp_key(), "https://127.0.0.1:8443/saml/slo"), "", false, test_service_provider(), idps);
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code, "saml-signature");
  auto elsewhere = read_logout_message(idp_logout_post(idp_key(), "https://other.example/slo"), "", false, test_service_provider(), idps);
  ASSERT_FALSE(elsewhere);
  EXPECT_NE(elsewhere.error().message.find("not for our SLO"), std::string::npos);
  auto unknown = read_logout_message(idp_logout_post(idp_key(), "https://127.0.0.1:8443/saml/slo"), "", false, test_service_provider(),
                                     IdentityProviders());
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("unknown identity provider"), std::string::npos);
}

}  // namespace
}  // namespace sportello::federation
