// Issue 4: every message the flows send has Italian and English texts, rendered with its parameters.
#include <gtest/gtest.h>

#include "courier/message_catalog.h"

namespace sportello {
namespace {

// Every template name a flow queues (grep queue_message in src/flows).
const char* const kFlowTemplates[] = {
    "pin_first_half",          "pin_first_half_letter",   "pin_second_half_letter", "pin_second_half_activation",
    "pin_renewed_first_half",  "pin_renewed_second_half", "pin_request_duplicate",  "pin_request_rejected",
    "pin_revoked",             "recovery_link",           "recovery_first_half",    "recovery_second_half",
    "dispositivo_approved",    "dispositivo_rejected",    "contact_code"};

std::shared_ptr<const MessageCatalog> builtin() {
  auto catalog = MessageCatalog::builtin();
  EXPECT_TRUE(catalog.ok()) << (catalog.ok() ? "" : catalog.error().message);
  return catalog.ok() ? *catalog : nullptr;
}

const std::map<std::string, std::string> kMessageParams = {
    {"name", "Niccolò"}, {"reason", "dati non <corrispondenti>"}, {"secret", "AB12CD34"},
    {"site", "https://pin.example.it"}, {"in_letter", "0"}};

TEST(MessageCatalog, HasEveryFlowTemplateInItalianAndEnglishWithSubjectTextAndSms) {
  auto catalog = builtin();
  ASSERT_TRUE(catalog);
  for (const std::string language : {"it", "en"}) {
    for (const char* name : kFlowTemplates) {
      const auto names = catalog->template_names(language);
      EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << language << " lacks " << name;
      auto rendered = catalog->render(name, language, kMessageParams);
      ASSERT_TRUE(rendered.ok()) << name;
      EXPECT_FALSE(rendered->subject.empty()) << name;
      EXPECT_FALSE(rendered->text.empty()) << name;
      EXPECT_FALSE(rendered->sms.empty()) << name;
      EXPECT_NE(rendered->text.find("Niccolò"), std::string::npos) << name << " does not greet by name";
    }
  }
}

TEST(MessageCatalog, TextsCarryingAPinHalfShowItOnceInEveryForm) {
  auto catalog = builtin();
  ASSERT_TRUE(catalog);
  for (const char* name : {"pin_first_half", "pin_second_half_letter", "recovery_first_half", "pin_renewed_second_half"}) {
    auto rendered = catalog->render(name, "it", kMessageParams);
    ASSERT_TRUE(rendered.ok());
    EXPECT_NE(rendered->text.find("AB12CD34"), std::string::npos) << name;
    EXPECT_NE(rendered->sms.find("AB12CD34"), std::string::npos) << name;
    EXPECT_FALSE(rendered->secret_label.empty()) << name << " may go by letter and needs a caption for the box";
  }
}

TEST(MessageCatalog, OnPaperTheSecretIsLeftToTheBox) {
  auto catalog = builtin();
  ASSERT_TRUE(catalog);
  auto params = kMessageParams;
  params["in_letter"] = "1";
  auto rendered = catalog->render("pin_second_half_letter", "it", params);
  ASSERT_TRUE(rendered.ok());
  EXPECT_EQ(rendered->text.find("AB12CD34"), std::string::npos);
  EXPECT_NE(rendered->text.find("riquadro"), std::string::npos);
  EXPECT_EQ(rendered->secret_label, "Seconda metà del PIN");
  ASSERT_FALSE(rendered->instructions.empty());
  EXPECT_NE(rendered->instructions.front().find("https://pin.example.it"), std::string::npos);
}

TEST(MessageCatalog, TheRecoveryLinkCarriesTheTokenAndTheCodeApart) {
  auto catalog = builtin();
  ASSERT_TRUE(catalog);
  auto params = kMessageParams;
  params["secret"] = "tok_EN-123 987654";
  auto rendered = catalog->render("recovery_link", "it", params);
  ASSERT_TRUE(rendered.ok());
  EXPECT_NE(rendered->text.find("https://pin.example.it/ripristino?token=tok_EN-123\n"), std::string::npos) << rendered->text;
  EXPECT_NE(rendered->text.find("codice: 987654"), std::string::npos);
}

TEST(MessageCatalog, TheHtmlPartEscapesValuesAndKeepsParagraphs) {
  auto catalog = builtin();
  ASSERT_TRUE(catalog);
  auto rendered = catalog->render("pin_request_rejected", "it", kMessageParams);
  ASSERT_TRUE(rendered.ok());
  EXPECT_NE(rendered->text.find("dati non <corrispondenti>"), std::string::npos) << "plain text is not escaped";
  EXPECT_NE(rendered->html.find("dati non &lt;corrispondenti&gt;"), std::string::npos);
  EXPECT_EQ(rendered->html.find("<corrispondenti>"), std::string::npos);
  EXPECT_NE(rendered->html.find("<html lang=\"it\">"), std::string::npos);
  EXPECT_NE(rendered->html.find("<p>Gentile Niccolò,</p>"), std::string::npos);
}

TEST(MessageCatalog, EnglishIsChosenByLanguageAndAnUnknownLanguageFallsBackToItalian) {
  auto catalog = builtin();
  ASSERT_TRUE(catalog);
  auto en = catalog->render("pin_revoked", "en", kMessageParams);
  auto de = catalog->render("pin_revoked", "de", kMessageParams);
  ASSERT_TRUE(en.ok());
  ASSERT_TRUE(de.ok());
  EXPECT_EQ(en->subject, "Your PIN has been revoked");
  EXPECT_EQ(de->subject, "Il suo PIN è stato revocato");
}

TEST(MessageCatalog, AnUnknownTemplateIsAnErrorNotAnEmptyMessage) {
  auto catalog = builtin();
  ASSERT_TRUE(catalog);
  auto missing = catalog->render("no_such_message", "it", kMessageParams);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "unknown-message-template");
}

TEST(MessageCatalog, AMalformedCatalogueIsRefusedNamingTheEntry) {
  const std::pair<std::string, std::string> cases[] = {
      {"[a]\nsubject = \"x\"\ntext = \"y\"\n", "it.a.sms"},                       // a part missing
      {"[a]\nsubject = \"{{#open}}\"\ntext = \"y\"\nsms = \"z\"\n", "it.a.subject"},  // unclosed section
      {"a = 1\n", "it.a"},                                                        // not a table
      {"[a\n", "it"},                                                             // not TOML
  };
  for (const auto& [toml, where] : cases) {
    auto parsed = MessageCatalog::parse({{"it", toml}});
    ASSERT_FALSE(parsed.ok()) << toml;
    EXPECT_EQ(parsed.error().field, where) << toml << ": " << parsed.error().message;
  }
  auto no_italian = MessageCatalog::parse({{"en", "[a]\nsubject = \"x\"\ntext = \"y\"\nsms = \"z\"\n"}});
  EXPECT_FALSE(no_italian.ok());
}

}  // namespace
}  // namespace sportello
