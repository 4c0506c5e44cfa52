// federation/saml_response: every check of the ACS, one crafted Response per check (tests/data/saml/cases, written
// by make_cases.py from response.xml: each file says what it breaks and what must come back), signed here with a
// test IdP's key; and the identity a good one yields.
#include "federation/saml_response.h"

#include <gtest/gtest.h>
#include <libxml/tree.h>

#include <filesystem>
#include <regex>

#include "core/civil_time.h"
#include "federation/saml_names.h"
#include "federation/xml_document.h"
#include "federation/xml_nodes.h"
#include "federation/xml_signature.h"
#include "test_data.h"
#include "test_keys.h"

namespace sportello::federation {
namespace {

using testing::idp_key;
using testing::sp_key;
using testing::test_service_provider;
using testing::test_data;

const Instant kIssued = *parse_utc_iso("2026-12-05T10:00:00Z");

struct Case {
  std::string name, breaks, expect, sign, xml;
};

std::string header_field(const std::string& text, const std::string& field) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(field + ": ([^\\n]*?)( -->)?\\n"))) return "";
  return m[1];
}

std::string fill(std::string xml) {
  const std::pair<const char*, std::string> marks[] = {
      {"{{now}}", format_utc_iso(kIssued)},
      {"{{now_millis}}", format_utc_iso(kIssued).substr(0, 19) + ".123Z"},
      {"{{in_5_minutes}}", format_utc_iso(kIssued + Minutes{5})},
      {"{{ten_minutes_ago}}", format_utc_iso(kIssued - Minutes{10})}};
  for (const auto& [mark, value] : marks)
    for (auto at = xml.find(mark); at != std::string::npos; at = xml.find(mark)) xml.replace(at, std::string(mark).size(), value);
  return xml;
}

xmlNode* issuer_of(xmlNode* element) {
  const auto issuers = children(element, kAssertionNs, "Issuer");
  return issuers.empty() ? nullptr : const_cast<xmlNode*>(issuers.front());
}

// Signs what the case says, as an IdP would: the Assertion first, then the Response around it.
std::string signed_case(const Case& c) {
  const std::string xml = fill(c.xml);
  if (c.sign == "nothing") return xml;
  auto doc = XmlDocument::parse(xml);
  EXPECT_TRUE(doc) << c.name;
  xmlNode* response = doc->root();
  if (c.sign.find("assertion") != std::string::npos) {
    xmlNode* assertion = const_cast<xmlNode*>(children(response, kAssertionNs, "Assertion").front());
    EXPECT_TRUE(sign_enveloped(assertion, idp_key(), issuer_of(assertion))) << c.name;
  }
  if (c.sign.find("response") != std::string::npos) {
    EXPECT_TRUE(sign_enveloped(response, idp_key(), issuer_of(response))) << c.name;
  }
  std::string out = serialize(doc->get());
  if (c.sign.find("tamper") != std::string::npos) out = std::regex_replace(out, std::regex("RSSMRA85T10H501O"), "VRDGPP80A01H501X");
  return out;
}

std::vector<Case> cases() {
  std::vector<Case> all;
  const auto folder = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "data" / "saml" / "cases";
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string text = test_data("saml/cases/" + entry.path().filename().string());
    all.push_back({entry.path().stem().string(), header_field(text, "breaks"), header_field(text, "expect"),
                   header_field(text, "sign"), text});
  }
  std::sort(all.begin(), all.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return all;
}

IdentityProvider response_idp() {
  IdentityProvider idp;
  idp.entity_id = "https://idp.example";
  idp.signing_certificates = {sp_key().certificate_der(), idp_key().certificate_der()};  // a rollover: two keys
  return idp;
}

Result<AssertedIdentity> read(const std::string& xml) {
  static const ServiceProvider sp = test_service_provider();
  static const IdentityProvider idp = response_idp();
  ResponseContext context{sp, idp, "_request-1", kIssued - Seconds{30}, SpidLevel::L2, kIssued + Seconds{2},
                          Seconds{180}};
  return read_response(xml, context);
}

TEST(SamlResponse, EveryCraftedCaseIsJudgedAsItsFileSays) {
  const auto all = cases();
  ASSERT_GE(all.size(), 70u);
  int accepted = 0, refused = 0;
  for (const Case& c : all) {
    SCOPED_TRACE(c.name + ": " + c.breaks);
    ASSERT_FALSE(c.expect.empty());
    auto result = read(signed_case(c));
    if (c.expect == "ok") {
      EXPECT_TRUE(result) << result.error().code << " " << result.error().message;
      ++accepted;
      continue;
    }
    ++refused;
    const std::string code = c.expect.substr(0, c.expect.find(':'));
    const std::string words = c.expect.substr(c.expect.find(':') + 2);
    ASSERT_FALSE(result) << "accepted";
    EXPECT_EQ(result.error().code, code) << result.error().message;
    EXPECT_NE(result.error().message.find(words), std::string::npos) << result.error().message;
  }
  std::cerr << all.size() << " crafted Responses: " << accepted << " accepted, " << refused << " refused\n";
}

TEST(SamlResponse, AGoodResponseYieldsTheIdentityAndTheLevel) {
  const auto all = cases();
  const auto ok = std::find_if(all.begin(), all.end(), [](const Case& c) { return c.name == "ok"; });
  ASSERT_NE(ok, all.end());
  auto identity = read(signed_case(*ok));
  ASSERT_TRUE(identity) << identity.error().message;
  EXPECT_EQ(identity->idp_entity_id, "https://idp.example");
  EXPECT_EQ(identity->level, SpidLevel::L2);
  EXPECT_EQ(identity->name_id, "_transient-1");
  EXPECT_EQ(identity->session_index, "_session-1");
  EXPECT_EQ(identity->attributes.at("fiscalNumber"), "TINIT-RSSMRA85T10H501O");
  EXPECT_EQ(identity->attributes.at("dateOfBirth"), "1985-12-10");
}

TEST(SamlResponse, TheCieProfileAcceptsAnAssertionIssuerWithoutFormat) {
  const auto all = cases();
  const auto without = std::find_if(all.begin(), all.end(),
                                    [](const Case& c) { return c.name == "assertion-issuer-format-missing"; });
  ASSERT_NE(without, all.end());
  static const ServiceProvider sp = test_service_provider();
  static const IdentityProvider idp = response_idp();
  ResponseContext cie{sp, idp, "_request-1", kIssued - Seconds{30}, SpidLevel::L2, kIssued + Seconds{2}, Seconds{180}, true};
  EXPECT_TRUE(read_response(signed_case(*without), cie));
}

TEST(SamlResponse, TheSkewIsHonouredAndNoMore) {
  const auto all = cases();
  const auto ok = *std::find_if(all.begin(), all.end(), [](const Case& c) { return c.name == "ok"; });
  static const ServiceProvider sp = test_service_provider();
  static const IdentityProvider idp = response_idp();
  const std::string xml = signed_case(ok);
  // The IdP's clock 170 s ahead of ours: still in time; its Conditions end 5 minutes after it issued.
  ResponseContext behind{sp, idp, "_request-1", kIssued - Seconds{30}, SpidLevel::L2, kIssued - Seconds{170}, Seconds{180}};
  EXPECT_TRUE(read_response(xml, behind));
  ResponseContext too_far{sp, idp, "_request-1", kIssued - Seconds{30}, SpidLevel::L2, kIssued - Seconds{190}, Seconds{180}};
  EXPECT_FALSE(read_response(xml, too_far));
  ResponseContext late{sp, idp, "_request-1", kIssued - Seconds{30}, SpidLevel::L2, kIssued + Minutes{5} + Seconds{179},
                       Seconds{180}};
  EXPECT_TRUE(read_response(xml, late));
  ResponseContext too_late{sp, idp, "_request-1", kIssued - Seconds{30}, SpidLevel::L2, kIssued + Minutes{5} + Seconds{180},
                           Seconds{180}};
  EXPECT_FALSE(read_response(xml, too_late));
}

}  // namespace
}  // namespace sportello::federation
