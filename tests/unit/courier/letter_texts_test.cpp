// Issue 14: the letters that start a PIN state its 90-day activation deadline (SPEC §3), and every Italian
// message addresses the reader with Lei, never tu.
#include <gtest/gtest.h>

#include <regex>

#include "courier/message_catalog.h"

namespace sportello {
namespace {

const std::map<std::string, std::string> kLetterParams = {
    {"name", "Anna"}, {"reason", "dati diversi"}, {"secret", "AB12CD34"}, {"protocol", "INPS.0001"},
    {"minutes", "30"}, {"site", "https://pin.example.it"}, {"in_letter", "1"}, {"activation_days", "90"}};

struct DeadlineRow {
  const char* name;
  const char* language;
  const char* deadline;
};

TEST(LetterTexts, LettersThatStartAPinStateThe90DayDeadline) {
  auto catalog = MessageCatalog::builtin();
  ASSERT_TRUE(catalog.ok());
  const DeadlineRow rows[] = {
      {"pin_first_half_letter", "it", "entro 90 giorni"},  {"pin_first_half_letter", "en", "within 90 days"},
      {"pin_second_half_letter", "it", "entro 90 giorni"}, {"pin_second_half_letter", "en", "within 90 days"},
      {"pin_renewed_first_half", "it", "entro 90 giorni"}, {"pin_renewed_first_half", "en", "within 90 days"},
  };
  for (const DeadlineRow& row : rows) {
    auto rendered = (*catalog)->render(row.name, row.language, kLetterParams);
    ASSERT_TRUE(rendered.ok()) << row.name;
    EXPECT_NE(rendered->text.find(row.deadline), std::string::npos) << row.name << " " << row.language;
  }
}

TEST(LetterTexts, ItalianMessagesUseLeiNeverTu) {
  auto catalog = MessageCatalog::builtin();
  ASSERT_TRUE(catalog.ok());
  const std::regex tu(R"((^|[^\wàèéìòù])(hai|puoi|vuoi|devi|sei|tuo|tua|tuoi|tue|ti|inserisci|scegli|ricevi|riceverai|accedi|controlla|clicca)([^\wàèéìòù]|$))",
                      std::regex::icase);
  for (const std::string& name : (*catalog)->template_names("it")) {
    auto rendered = (*catalog)->render(name, "it", kLetterParams);
    ASSERT_TRUE(rendered.ok()) << name;
    std::string all = rendered->subject + "\n" + rendered->text + "\n" + rendered->sms;
    for (const auto& step : rendered->instructions) all += "\n" + step;
    // «Accedi», «Attiva il PIN» are the names of the site's pages, quoted: not an address to the reader.
    all = std::regex_replace(all, std::regex("«[^»]*»"), "");
    std::smatch found;
    EXPECT_FALSE(std::regex_search(all, found, tu)) << name << ": \"" << found.str() << "\"";
  }
}

}  // namespace
}  // namespace sportello
