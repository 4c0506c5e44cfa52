#include "core/codice_fiscale_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/latin_fold.h"

namespace sportello {
namespace {

struct CodeRow {
  const char* text;
  const char* code;
};

TEST(CodiceFiscaleRules, SurnameTakesConsonantsThenVowelsThenX) {
  const CodeRow rows[] = {
      {"Rossi", "RSS"},      {"Bianchi", "BNC"},   {"De Luca", "DLC"},    {"D'Angelo", "DNG"},
      {"Dell'Acqua", "DLL"}, {"Lo Russo", "LRS"},  {"Aiello", "LLA"},     {"Fò", "FOX"},
      {"Re", "REX"},         {"Eco", "CEO"},       {"Ai", "AIX"},         {"Oé", "OEX"},
      {"Xu", "XUX"},         {"Müller", "MLL"},    {"Núñez", "NNZ"},      {"Dvořák", "DVR"},
      {"ROSSI", "RSS"},      {"rossi", "RSS"},     {"Dall'Ò", "DLL"},     {"Ieie", "IEI"},
      {"Sciascia", "SCS"},   {"Łukasiewicz", "LKS"}, {"Strauß", "STR"},  {"", "XXX"},
  };
  for (const CodeRow& row : rows) EXPECT_EQ(surname_code(row.text), row.code) << row.text;
}

TEST(CodiceFiscaleRules, NameWithFourOrMoreConsonantsTakesTheFirstThirdAndFourth) {
  const CodeRow rows[] = {
      {"Gianfranco", "GFR"},   {"Francesca", "FNC"}, {"Giovanni", "GNN"},   {"Maria Grazia", "MGR"},
      {"Cristoforo", "CST"},   {"Alessandro", "LSN"}, {"Gian Luca", "GLC"}, {"Pier Paolo", "PPL"},
      {"Jean-Luc", "JLC"},     {"Christian", "CRS"},
  };
  for (const CodeRow& row : rows) EXPECT_EQ(name_code(row.text), row.code) << row.text;
}

TEST(CodiceFiscaleRules, NameWithFewerConsonantsIsCodedLikeASurname) {
  const CodeRow rows[] = {
      {"Mario", "MRA"}, {"Luca", "LCU"}, {"Ugo", "GUO"}, {"Ida", "DIA"},     {"Eva", "VEA"},
      {"Al", "LAX"},    {"Bo", "BOX"},   {"Ai", "AIX"},  {"Io", "IOX"},      {"Niccolò", "NCL"},
      {"Nicolò", "NCL"}, {"Zoë", "ZOE"}, {"Noè", "NOE"}, {"Renée", "RNE"},   {"Niccolo\xCC\x80", "NCL"},
  };
  for (const CodeRow& row : rows) EXPECT_EQ(name_code(row.text), row.code) << row.text;
}

TEST(CodiceFiscaleRules, CodingLettersDropAccentsApostrophesSpacesAndHyphens) {
  const CodeRow rows[] = {
      {"D'Angelo", "DANGELO"},  {"Dell\xE2\x80\x99" "Orto", "DELLORTO"}, {"Jean-Luc", "JEANLUC"},
      {"À È É Ì Ò Ù", "AEEIOU"}, {"Çelik", "CELIK"}, {"Šćepanović", "SCEPANOVIC"}, {"Øyvind", "OYVIND"},
      {"Ærø", "AERO"},          {"Straße", "STRASSE"}, {"Иван", ""},  {"123", ""},
  };
  for (const CodeRow& row : rows) EXPECT_EQ(coding_letters(row.text), row.code) << row.text;
}

TEST(CodiceFiscaleRules, FoldingKeepsWhatIsNotALatinLetter) {
  EXPECT_EQ(fold_latin_upper("Sant'Elena 2"), "SANT'ELENA 2");
  EXPECT_EQ(fold_latin_upper("Forlì"), "FORLI");
  EXPECT_EQ(fold_latin_upper("\xC3"), "\xC3");  // a truncated sequence is copied, not read past
}

TEST(CodiceFiscaleRules, MonthLettersAreABCDEHLMPRST) {
  const std::string letters = "ABCDEHLMPRST";
  for (unsigned month = 1; month <= 12; ++month) {
    EXPECT_EQ(month_letter(month), letters[month - 1]);
    EXPECT_EQ(month_from_letter(letters[month - 1]), month);
  }
  for (const char c : std::string("FGIJKNOQUVWXYZ0")) EXPECT_FALSE(month_from_letter(c).has_value()) << c;
}

TEST(CodiceFiscaleRules, CheckCharacterOfKnownCodes) {
  const CodeRow rows[] = {
      {"RSSMRA85T10A562", "S"}, {"BNCNNA90D65F205", "R"}, {"MLLHNS70L01Z112", "A"},
      {"RSSMRAURTMLARSN", "L"}, {"SPSGPP72B69F839", "B"}, {"SMTJHN75L04Z404", "Z"},
  };
  for (const CodeRow& row : rows) EXPECT_EQ(std::string(1, check_character(row.text)), row.code) << row.text;
}

TEST(CodiceFiscaleRules, OmocodiaReplacesDigitsFromTheRightOneAtATime) {
  const std::vector<std::string> expected = {
      "RSSMRA85T10A56NH", "RSSMRA85T10A5SNT", "RSSMRA85T10ARSNO", "RSSMRA85T1LARSNR",
      "RSSMRA85TMLARSNC", "RSSMRA8RTMLARSNO", "RSSMRAURTMLARSNL",
  };
  EXPECT_EQ(omocodia_variants("RSSMRA85T10A562S"), expected);
  EXPECT_EQ(omocodia_variants("RSSMRA85TMLARSNC"), expected);  // an omocode starts again from its digits
}

TEST(CodiceFiscaleRules, OmocodiaLettersMapBackToTheirDigits) {
  const std::string letters(kOmocodiaLetters);
  for (std::size_t digit = 0; digit < 10; ++digit) {
    EXPECT_EQ(omocodia_letter(static_cast<char>('0' + digit)), letters[digit]);
    EXPECT_EQ(omocodia_digit(letters[digit]), static_cast<char>('0' + digit));
  }
  EXPECT_EQ(without_omocodia("RSSMRAURTMLARSNL"), "RSSMRA85T10A562L");  // the check character is kept
}

TEST(CodiceFiscaleRules, OmocodiaVariantsOfAMalformedCodeAreNone) {
  for (const char* text : {"", "RSSMRA85T10A562", "RSSMRA85T10A562SS", "RSSMRAA5T10A562S", "rssmra85t10a562s"})
    EXPECT_TRUE(omocodia_variants(text).empty()) << text;
}

TEST(CodiceFiscaleRules, LayoutNamesTheFirstCharacterOutOfPlace) {
  const std::pair<const char*, std::size_t> rows[] = {
      {"RSSMRA85T10A562S", 16}, {"RSSMRAURTMLARSNL", 16}, {"1SSMRA85T10A562S", 0},
      {"RSSMRAA5T10A562S", 6},  {"RSSMRA85810A562S", 8},     {"RSSMRA85T1WA562S", 10},
      {"RSSMRA85T105562S", 11}, {"RSSMRA85T10A56ZS", 14}, {"RSSMRA85T10A5621", 15},
  };
  for (const auto& [code, position] : rows) EXPECT_EQ(first_malformed_position(code), position) << code;
}

}  // namespace
}  // namespace sportello
