// Issue 5: the pages speak Italian first, English on request; every Italian text has its English twin.
#include <gtest/gtest.h>

#include "web/locale.h"
#include "web/pages.h"

namespace sportello::web {
namespace {

struct LanguageCase {
  const char* switch_value;
  const char* cookie;
  const char* accept_language;
  Language expected;
};

TEST(ChooseLanguage, SwitchThenCookieThenAcceptLanguageThenItalian) {
  const LanguageCase cases[] = {
      {"", "", "", Language::it},
      {"", "", "en-GB,en;q=0.9", Language::en},
      {"", "", "de-DE, en;q=0.5, it;q=0.8", Language::it},
      {"", "", "fr, de", Language::it},
      {"", "", "EN-us", Language::en},
      {"", "en", "it", Language::en},
      {"it", "en", "en", Language::it},
      {"en", "", "", Language::en},
      {"xx", "yy", "en", Language::en},
  };
  for (const LanguageCase& c : cases)
    EXPECT_EQ(choose_language(c.switch_value, c.cookie, c.accept_language), c.expected)
        << c.switch_value << "|" << c.cookie << "|" << c.accept_language;
}

TEST(FormatDate, WritesTheMonthInTheReadersLanguage) {
  const Date date = std::chrono::year{2026} / 11 / 25;
  EXPECT_EQ(format_date(date, Language::it), "25 novembre 2026");
  EXPECT_EQ(format_date(date, Language::en), "25 November 2026");
  const Instant summer_evening = Instant{std::chrono::sys_days{std::chrono::year{2026} / 7 / 31}} + Hours{22} + Minutes{5};
  EXPECT_EQ(format_datetime(summer_evening, Language::it), "1 agosto 2026, ore 00:05") << "Rome is UTC+2 in summer";
}

TEST(Texts, TheBuiltInCataloguesLoadAndEnglishHasEveryItalianKey) {
  auto texts = Texts::builtin();
  ASSERT_TRUE(texts.ok()) << texts.error().message;
  EXPECT_EQ((*texts)->get(Language::it, "login"), "Accedi");
  EXPECT_EQ((*texts)->get(Language::en, "login"), "Log in");
  EXPECT_EQ((*texts)->get(Language::en, "no-such-key"), "no-such-key") << "a missing text shows, never blank";
  EXPECT_EQ((*texts)->all(Language::it).size(), (*texts)->all(Language::en).size());
}

TEST(Texts, ACatalogueWithoutAnItalianKeyInEnglishIsRefused) {
  auto texts = Texts::parse({{"it", "a = \"uno\"\nb = \"due\"\n"}, {"en", "a = \"one\"\n"}});
  ASSERT_FALSE(texts.ok());
  EXPECT_NE(texts.error().message.find("lacks b"), std::string::npos);
}

TEST(Texts, AGroupFileAddsItsKeysToItsLanguage) {
  auto texts = Texts::parse({{"it", "a = \"uno\"\n"}, {"console.it", "b = \"due\"\n"},
                             {"en", "a = \"one\"\n"}, {"console.en", "b = \"two\"\n"}});
  ASSERT_TRUE(texts.ok()) << texts.error().message;
  EXPECT_EQ((*texts)->get(Language::it, "b"), "due");
  EXPECT_EQ((*texts)->get(Language::en, "b"), "two");
}

TEST(Texts, AKeyDefinedInTwoFilesOfALanguageIsRefused) {
  auto texts = Texts::parse({{"it", "a = \"uno\"\n"}, {"console.it", "a = \"due\"\n"}, {"en", "a = \"one\"\n"}});
  ASSERT_FALSE(texts.ok());
  EXPECT_NE(texts.error().message.find("a is defined twice"), std::string::npos);
}

TEST(Pages, RenderInsideTheLayoutEscapingValues) {
  auto pages = Pages::builtin();
  ASSERT_TRUE(pages.ok()) << pages.error().message;
  PageData values{PageData::type::object};
  values.set("codice_fiscale", "<script>x</script>");
  values.set("csrf", "token");
  const std::string html = (*pages)->render("login", Language::it, values);
  EXPECT_NE(html.find("<html lang=\"it\">"), std::string::npos);
  EXPECT_NE(html.find("Accedi con il PIN"), std::string::npos);
  EXPECT_EQ(html.find("<script>x</script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("href=\"/static/css/bootstrap-italia.min.css\""), std::string::npos);
}

}  // namespace
}  // namespace sportello::web
