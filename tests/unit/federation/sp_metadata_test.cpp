#include "federation/sp_metadata.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "federation/saml_names.h"
#include "federation/xml_document.h"
#include "federation/xml_nodes.h"
#include "federation/xml_signature.h"
#include "test_keys.h"

namespace sportello::federation {
namespace {

using testing::sp_key;
using testing::test_service_provider;

// Writes the document where `SPORTELLO_FEDERATION_DUMP` says, to run AgID's spid-sp-test on it by hand.
void dump(const std::string& name, const std::string& xml) {
  if (const char* dir = std::getenv("SPORTELLO_FEDERATION_DUMP")) std::ofstream(std::string(dir) + "/" + name) << xml;
}

std::vector<std::string> requested(const xmlNode* root) {
  std::vector<std::string> names;
  const xmlNode* descriptor = children(root, kMetadataNs, "SPSSODescriptor").front();
  for (const xmlNode* service : children(descriptor, kMetadataNs, "AttributeConsumingService"))
    for (const xmlNode* attr : children(service, kMetadataNs, "RequestedAttribute")) names.push_back(attribute(attr, "Name"));
  return names;
}

TEST(SpMetadata, SpidMetadataIsSignedByTheSpAndSaysWhereToAnswer) {
  auto xml = service_provider_metadata(test_service_provider(), sp_key(), MetadataProfile::spid);
  ASSERT_TRUE(xml) << xml.error().message;
  dump("sp-metadata-spid.xml", *xml);
  auto doc = XmlDocument::parse(*xml);
  ASSERT_TRUE(doc);
  const xmlNode* root = doc->root();
  EXPECT_EQ(attribute(root, "entityID"), "https://sportello.example/spid");
  EXPECT_TRUE(is_element(element_children(root).front(), kSignatureNs, "Signature")) << "the signature comes first";
  EXPECT_TRUE(verify_enveloped(doc->root(), {sp_key().certificate_der()}));
  EXPECT_NE(xml->find("Location=\"https://127.0.0.1:8443/saml/acs\""), std::string::npos);
  EXPECT_NE(xml->find("<spid:IPACode>c_h501</spid:IPACode>"), std::string::npos);
  EXPECT_NE(xml->find("contactType=\"other\""), std::string::npos);
  EXPECT_EQ(requested(root), spid_attributes());
}

TEST(SpMetadata, CieMetadataAsksOnlyWhatCieGivesAndNamesTheMunicipality) {
  auto xml = service_provider_metadata(test_service_provider(), sp_key(), MetadataProfile::cie);
  ASSERT_TRUE(xml) << xml.error().message;
  dump("sp-metadata-cie.xml", *xml);
  auto doc = XmlDocument::parse(*xml);
  ASSERT_TRUE(doc);
  EXPECT_TRUE(verify_enveloped(doc->root(), {sp_key().certificate_der()}));
  EXPECT_NE(xml->find("<cie:Municipality>058091</cie:Municipality>"), std::string::npos);
  EXPECT_NE(xml->find("contactType=\"administrative\""), std::string::npos);
  EXPECT_EQ(requested(doc->root()), cie_attributes());
}

TEST(SpMetadata, TheSameSettingsGiveTheSameBytes) {
  EXPECT_EQ(*service_provider_metadata(test_service_provider(), sp_key(), MetadataProfile::spid),
            *service_provider_metadata(test_service_provider(), sp_key(), MetadataProfile::spid));
}

TEST(SpMetadata, ValuesAreEscapedNotPasted) {
  ServiceProvider sp = test_service_provider();
  sp.organization_name = "Rossi & <Figli>";
  auto xml = service_provider_metadata(sp, sp_key(), MetadataProfile::spid);
  ASSERT_TRUE(xml);
  EXPECT_NE(xml->find("Rossi &amp; &lt;Figli&gt;"), std::string::npos);
  EXPECT_TRUE(XmlDocument::parse(*xml));
}

}  // namespace
}  // namespace sportello::federation
