// federation/identity_provider: an IdP's metadata read into what the service provider needs (issue 12).
#include <gtest/gtest.h>

#include <string>

#include "federation/identity_provider.h"
#include "test_data.h"

namespace sportello::federation {
namespace {

std::string test_idp() { return testing::test_data("idp/test_idp.xml"); }

// The test IdP's metadata with `from` replaced by `to` (the first occurrence).
std::string changed(const std::string& from, const std::string& to) {
  std::string xml = test_idp();
  const auto at = xml.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? xml : xml.replace(at, from.size(), to);
}

std::string idp_refusal(const std::string& xml) {
  auto read = read_identity_provider(xml);
  if (read) return "";
  EXPECT_EQ(read.error().kind, ErrorKind::invalid_input);
  return read.error().code + ": " + read.error().message;
}

TEST(IdentityProvider, TheTestIdpsMetadataGivesItsEntityEndpointsAndCertificate) {
  auto idp = read_identity_provider(test_idp());
  ASSERT_TRUE(idp) << idp.error().message;
  EXPECT_EQ(idp->entity_id, "https://idp.test.sportello");
  EXPECT_EQ(idp->display_name, "Identità di prova") << "Italian first";
  EXPECT_EQ(idp->single_sign_on.at(std::string(kHttpRedirect)), "https://idp.test.sportello/sso/redirect");
  EXPECT_EQ(idp->single_sign_on.at(std::string(kHttpPost)), "https://idp.test.sportello/sso/post");
  EXPECT_EQ(idp->single_logout.at(std::string(kHttpRedirect)), "https://idp.test.sportello/slo");
  ASSERT_EQ(idp->signing_certificates.size(), 1u);
  EXPECT_EQ(static_cast<unsigned char>(idp->signing_certificates[0][0]), 0x30) << "DER: a SEQUENCE";
}

TEST(IdentityProvider, WithoutAnOrganizationTheEntityIdNamesIt) {
  const std::string xml = test_idp();
  const std::string without = xml.substr(0, xml.find("  <md:Organization>")) + "</md:EntityDescriptor>\n";
  auto idp = read_identity_provider(without);
  ASSERT_TRUE(idp) << idp.error().message;
  EXPECT_EQ(idp->display_name, "https://idp.test.sportello");
}

TEST(IdentityProvider, EncryptionKeysAreNotTakenForSigning) {
  const std::string only_encryption = changed("use=\"signing\"", "use=\"encryption\"");
  EXPECT_EQ(idp_refusal(only_encryption), "idp-metadata: The IDPSSODescriptor has no signing certificate.");
}

TEST(IdentityProvider, MetadataMissingWhatASignInNeedsIsRefusedSayingWhat) {
  EXPECT_EQ(idp_refusal(changed(" entityID=\"https://idp.test.sportello\"", "")),
            "idp-metadata: The EntityDescriptor has no entityID.");
  EXPECT_EQ(idp_refusal(changed("urn:oasis:names:tc:SAML:2.0:protocol\"", "urn:oasis:names:tc:SAML:1.1:protocol\"")),
            "idp-metadata: The IDPSSODescriptor does not support SAML 2.0.");
  std::string no_sso = changed("md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\"",
                               "md:SingleSignOnService Binding=\"urn:example:other\"");
  const auto post = no_sso.find("bindings:HTTP-POST\" Location");
  no_sso.replace(post, 18, "bindings:SOAP");
  EXPECT_EQ(idp_refusal(no_sso),
            "idp-metadata: The IDPSSODescriptor has no SingleSignOnService for HTTP-Redirect or HTTP-POST.");
  EXPECT_EQ(idp_refusal(changed("Location=\"https://idp.test.sportello/sso/post\"", "Location=\"/sso/post\"")),
            "idp-metadata: A SingleSignOnService has no Binding or no absolute http(s) Location.");
  EXPECT_EQ(idp_refusal("<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>"),
            "idp-metadata: The metadata is not an md:EntityDescriptor.");
}

TEST(IdentityProvider, ACertificateThatIsNotOneIsRefused) {
  EXPECT_EQ(idp_refusal(changed("<ds:X509Certificate>", "<ds:X509Certificate>!!")),
            "idp-metadata: A signing certificate is not base64.");
  EXPECT_EQ(idp_refusal(changed("<ds:X509Certificate>", "<ds:X509Certificate>AAAA")),
            "idp-metadata: A signing certificate is not an X.509 certificate.");
}

TEST(IdentityProvider, MetadataWithADoctypeIsRefusedByTheParser) {
  EXPECT_EQ(idp_refusal(changed("<md:EntityDescriptor", "<!DOCTYPE md [<!ENTITY x \"y\">]><md:EntityDescriptor")),
            "xml-doctype: The XML document has a DOCTYPE, which is not accepted.");
}

}  // namespace
}  // namespace sportello::federation
