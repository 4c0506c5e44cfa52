#include "federation/xml_signature.h"

#include <gtest/gtest.h>
#include <libxml/tree.h>

#include <string>

#include "federation/saml_names.h"
#include "federation/xml_document.h"
#include "federation/xml_nodes.h"
#include "test_keys.h"

namespace sportello::federation {
namespace {

using testing::idp_key;
using testing::sp_key;

constexpr const char* kUnsigned =
    "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
    "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_response\">"
    "<saml:Issuer>https://idp.example</saml:Issuer>"
    "<saml:Assertion ID=\"_assertion\"><saml:Issuer>https://idp.example</saml:Issuer>"
    "<saml:Subject>TINIT-RSSMRA85T10H501O</saml:Subject></saml:Assertion></samlp:Response>";

std::string signed_response(const SigningKey& key) {
  auto doc = XmlDocument::parse(kUnsigned);
  EXPECT_TRUE(doc);
  xmlNode* root = doc->root();
  xmlNode* issuer = const_cast<xmlNode*>(children(root, kAssertionNs, "Issuer").front());
  EXPECT_TRUE(sign_enveloped(root, key, issuer));
  return serialize(doc->get());
}

std::vector<std::string> idp_certificates() { return {idp_key().certificate_der()}; }

Status verify_root(const std::string& xml, const std::vector<std::string>& certificates = idp_certificates()) {
  auto doc = XmlDocument::parse(xml);
  EXPECT_TRUE(doc) << xml;
  return verify_enveloped(doc->root(), certificates);
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

TEST(XmlSignature, ASignedElementVerifiesWithItsSignersCertificate) {
  const std::string xml = signed_response(idp_key());
  EXPECT_NE(xml.find("<ds:Signature"), std::string::npos);
  EXPECT_LT(xml.find("</saml:Issuer><ds:Signature"), xml.find("<saml:Assertion")) << "after the Issuer, as SAML wants";
  EXPECT_TRUE(verify_root(xml));
  EXPECT_TRUE(verify_root(xml, {sp_key().certificate_der(), idp_key().certificate_der()})) << "a rollover: either";
}

TEST(XmlSignature, AnotherKeysCertificateOrAChangedByteIsRefused) {
  const std::string xml = signed_response(idp_key());
  auto other = verify_root(xml, {sp_key().certificate_der()});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "saml-signature");

  std::string changed = xml;
  replace(changed, "RSSMRA85T10H501O", "VRDGPP80A01H501X");
  EXPECT_FALSE(verify_root(changed));
}

TEST(XmlSignature, TheKeyInADocumentsOwnKeyInfoIsNeverTrusted) {
  // Signed by another key that puts its own certificate in KeyInfo: still checked against the IdP's only.
  EXPECT_FALSE(verify_root(signed_response(sp_key())));
}

TEST(XmlSignature, AnUnsignedElementOrOneWithTwoSignaturesIsRefused) {
  EXPECT_FALSE(verify_root(kUnsigned));
  std::string twice = signed_response(idp_key());
  const auto start = twice.find("<ds:Signature"), end = twice.find("</ds:Signature>") + 15;
  twice.insert(end, twice.substr(start, end - start));
  EXPECT_FALSE(verify_root(twice));
}

TEST(XmlSignature, ASignatureMovedToAnotherElementIsRefusedThoughItVerifies) {
  // Signature wrapping: the Response's valid signature (Reference "#_response") carried by a forged element
  // whose ID differs, so that a reader of the forged element would trust content nobody signed.
  std::string xml = signed_response(idp_key());
  const auto start = xml.find("<ds:Signature"), end = xml.find("</ds:Signature>") + 15;
  const std::string signature = xml.substr(start, end - start);
  const std::string forged = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                             "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" ID=\"_forged\">" +
                             signature + "<samlp:Extensions>" + xml.substr(xml.find("<samlp:Response")) +
                             "</samlp:Extensions></samlp:Response>";
  auto refused = verify_root(forged);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "saml-signature");
}

TEST(XmlSignature, AnIdClaimedTwiceIsRefused) {
  // A second element with the signed element's ID (here by xml:id, which libxml2 registers itself): the
  // reference could resolve to either, so neither is trusted.
  std::string xml = signed_response(idp_key());
  replace(xml, "<saml:Subject>", "<saml:Subject xml:id=\"_response\">");
  EXPECT_FALSE(verify_root(xml));
}

TEST(XmlSignature, OnlyRsaSha256IsAccepted) {
  std::string xml = signed_response(idp_key());
  replace(xml, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2000/09/xmldsig#rsa-sha1");
  EXPECT_FALSE(verify_root(xml));
  std::string digest = signed_response(idp_key());
  replace(digest, "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2000/09/xmldsig#sha1");
  EXPECT_FALSE(verify_root(digest));
}

TEST(XmlSignature, AnElementWithoutAnIdCannotBeSigned) {
  auto doc = XmlDocument::parse("<a/>");
  ASSERT_TRUE(doc);
  EXPECT_FALSE(sign_enveloped(doc->root(), sp_key()));
}

}  // namespace
}  // namespace sportello::federation
