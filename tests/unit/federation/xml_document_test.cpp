// federation/xml_document: XML from outside cannot reach out or grow (issue 12). Each crafted document is a file
// under tests/data/xml whose first comment says what it breaks.
#include <gtest/gtest.h>

#include <libxml/tree.h>

#include <chrono>
#include <string>

#include "federation/xml_document.h"
#include "test_data.h"

namespace sportello::federation {
namespace {

std::string crafted(const std::string& name) { return testing::test_data("xml/" + name); }

std::string refusal(const std::string& bytes, std::size_t max_bytes = XmlDocument::kDefaultMaxBytes) {
  auto parsed = XmlDocument::parse(bytes, max_bytes);
  if (parsed) return "";
  EXPECT_EQ(parsed.error().kind, ErrorKind::invalid_input);
  return parsed.error().code;
}

TEST(XmlDocument, AWellFormedResponseParsesWithItsRootAndNamespaces) {
  auto parsed = XmlDocument::parse(crafted("response_plain.xml"));
  ASSERT_TRUE(parsed) << parsed.error().message;
  const xmlNode* root = parsed->root();
  ASSERT_NE(root, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(root->name), "Response");
  ASSERT_NE(root->ns, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href), "urn:oasis:names:tc:SAML:2.0:protocol");
}

TEST(XmlDocument, BillionLaughsIsRefusedAtItsDoctypeAndQuickly) {
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(refusal(crafted("billion_laughs.xml")), "xml-doctype");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1)) << "nothing was expanded";
}

TEST(XmlDocument, ExternalEntitiesAndDtdsAreRefusedWithoutBeingFetched) {
  EXPECT_EQ(refusal(crafted("external_entity.xml")), "xml-doctype");
  EXPECT_EQ(refusal(crafted("external_parameter_entity.xml")), "xml-doctype");
  EXPECT_EQ(refusal(crafted("external_dtd.xml")), "xml-doctype");
}

TEST(XmlDocument, EverythingIsReadAsUtf8WhateverItsDeclarationSays) {
  const std::string utf16 = crafted("doctype_utf16.xml");
  ASSERT_EQ(utf16.find("DOCTYPE"), std::string::npos) << "the bytes do not spell it";
  EXPECT_EQ(refusal(utf16), "xml-malformed") << "UTF-16 is not UTF-8";
  auto utf7 = XmlDocument::parse(crafted("utf7_markup.xml"));
  ASSERT_TRUE(utf7) << utf7.error().message;
  for (const xmlNode* child = utf7->root()->children; child != nullptr; child = child->next)
    EXPECT_NE(child->type, XML_ELEMENT_NODE) << "UTF-7's +ADw- stayed text, not markup";
  EXPECT_EQ(refusal("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>\xE8</r>"), "xml-malformed")
      << "a Latin-1 byte is not UTF-8";
  EXPECT_EQ(refusal("<?xml version=\"1.0\" encoding=\"utf-8\"?><r>\xC3\xA8</r>"), "");
}

TEST(XmlDocument, MalformedAndEmptyDocumentsAreRefused) {
  EXPECT_EQ(refusal(crafted("malformed.xml")), "xml-malformed");
  EXPECT_EQ(refusal(""), "xml-malformed");
  EXPECT_EQ(refusal("<?xml version=\"1.0\"?>"), "xml-malformed");
  EXPECT_EQ(refusal("not xml at all"), "xml-malformed");
}

TEST(XmlDocument, ADocumentOverTheLimitIsRefusedBeforeParsing) {
  const std::string response = crafted("response_plain.xml");
  EXPECT_EQ(refusal(response, response.size()), "") << "at the limit";
  EXPECT_EQ(refusal(response, response.size() - 1), "xml-too-large");
  std::string big = "<r>" + std::string(XmlDocument::kDefaultMaxBytes, 'a') + "</r>";
  EXPECT_EQ(refusal(big), "xml-too-large");
}

TEST(XmlDocument, NestingDeeperThanLibxml2sLimitIsRefused) {
  auto nested = [](int depth) {
    std::string open, close;
    for (int i = 0; i < depth; ++i) {
      open += "<a>";
      close += "</a>";
    }
    return open + close;
  };
  EXPECT_EQ(refusal(nested(200)), "");
  EXPECT_EQ(refusal(nested(5000)), "xml-malformed");
}

}  // namespace
}  // namespace sportello::federation
