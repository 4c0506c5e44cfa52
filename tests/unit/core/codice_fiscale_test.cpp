#include "core/codice_fiscale.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "unit/core/belfiore_test_registry.h"

namespace sportello {
namespace {

using namespace std::chrono_literals;

constexpr Date kToday = 2025y / 6 / 1;

using test_data::data_dir;
using test_data::registry;

Result<CodiceFiscale> parse(std::string_view text, Date today = kToday) {
  return CodiceFiscale::parse(text, registry(), today);
}

struct ValidRow {
  const char* text;
  const char* code;
  Date born;
  Sex sex;
  const char* place;
};

const ValidRow kValid[] = {
    {"RSSMRA85T10A562S", "RSSMRA85T10A562S", 1985y / 12 / 10, Sex::male, "SAN GIULIANO TERME"},
    {"  rssmra85t10a562s\t", "RSSMRA85T10A562S", 1985y / 12 / 10, Sex::male, "SAN GIULIANO TERME"},
    {"BNCNNA90D65F205R", "BNCNNA90D65F205R", 1990y / 4 / 25, Sex::female, "MILANO"},
    {"SPSGPP72B69F839B", "SPSGPP72B69F839B", 1972y / 2 / 29, Sex::female, "NAPOLI"},
    {"MLLHNS70L01Z112A", "MLLHNS70L01Z112A", 1970y / 7 / 1, Sex::male, "Germania"},
    {"GRCLCU01A45Z131R", "GRCLCU01A45Z131R", 2001y / 1 / 5, Sex::female, "Spagna"},
    {"SMTJHN75L04Z404Z", "SMTJHN75L04Z404Z", 1975y / 7 / 4, Sex::male, "Stati Uniti d'America"},
    {"VNVVNI80A01Z135N", "VNVVNI80A01Z135N", 1980y / 1 / 1, Sex::male, "Unione Sovietica"},  // ceased 1992
    {"VRDGPP60C15A031S", "VRDGPP60C15A031S", 1960y / 3 / 15, Sex::male, "ACQUACANINA"},      // abolished 2016
    {"RSSMRA30H01A562C", "RSSMRA30H01A562C", 1930y / 6 / 1, Sex::male, "BAGNI SAN GIULIANO"},  // renamed 1935
    {"RSSMRA80A01A744E", "RSSMRA80A01A744E", 1980y / 1 / 1, Sex::male, "BELLAGIO"},  // code retired 2014
    {"RSSMRA84B29A562Y", "RSSMRA84B29A562Y", 1984y / 2 / 29, Sex::male, "SAN GIULIANO TERME"},
    {"RSSMRA00B29H501Y", "RSSMRA00B29H501Y", 2000y / 2 / 29, Sex::male, "ROMA"},
    {"RSSMRAURTMLARSNL", "RSSMRA85T10A562S", 1985y / 12 / 10, Sex::male, "SAN GIULIANO TERME"},  // omocode
};

TEST(CodiceFiscale, AcceptsWellFormedCodesOfMenWomenAndForeignBirths) {
  for (const ValidRow& row : kValid) {
    const auto cf = parse(row.text);
    ASSERT_TRUE(cf.ok()) << row.text << ": " << cf.error().message;
    EXPECT_EQ(cf->code(), row.code);
    EXPECT_EQ(cf->birth_date(), row.born) << row.text;
    EXPECT_EQ(cf->sex(), row.sex) << row.text;
    EXPECT_EQ(cf->birth_place().name, row.place) << row.text;
    EXPECT_EQ(cf->belfiore(), std::string(row.code).substr(11, 4));
    EXPECT_EQ(cf->birth_place().foreign, cf->belfiore()[0] == 'Z');
  }
}

// docs/openapi.yaml: "case and spaces do not matter"; people copy the code from the card in its groups.
TEST(CodiceFiscale, ACodeTypedInGroupsWithSpacesOrDashesIsTheSameCode) {
  const char* const typed[] = {
      "RSS MRA 85T10 A562S",
      "rss mra 85t10 a562s",
      "RSSMRA 85 T 10 A 562 S",
      "RSS-MRA-85T10-A562S",
      "RSS\u00A0MRA\u00A085T10\u00A0A562S",    // no-break spaces, as a copy from a web page brings
      "RSS\u2009MRA\u202F85T10\u2013A562S",    // thin and narrow no-break space, en dash
      "\tRSS MRA  85T10 A562S \r\n",
      "RSS\u200BMRA85T10A562S",                 // a zero-width space
  };
  for (const char* text : typed) {
    const auto cf = parse(text);
    ASSERT_TRUE(cf.ok()) << '"' << text << "\": " << cf.error().code;
    EXPECT_EQ(cf->code(), "RSSMRA85T10A562S") << text;
    EXPECT_EQ(cf->as_given(), "RSSMRA85T10A562S") << text;
  }
}

TEST(CodiceFiscale, WomenHaveFortyAddedToTheDay) {
  const std::tuple<const char*, unsigned, Sex> rows[] = {
      {"RSSMRA85T10A562S", 10, Sex::male},   {"BNCNNA90D65F205R", 25, Sex::female},
      {"REXDIA05C41H501Q", 1, Sex::female},  {"BNCNNA90A71H501W", 31, Sex::female},
      {"DLLMGR45S42D704A", 2, Sex::female},
  };
  for (const auto& [text, day, sex] : rows) {
    const auto cf = parse(text);
    ASSERT_TRUE(cf.ok()) << text << ": " << cf.error().message;
    EXPECT_EQ(unsigned(cf->birth_date().day()), day) << text;
    EXPECT_EQ(cf->sex(), sex) << text;
  }
}

TEST(CodiceFiscale, EveryOmocodiaVariantParsesBackToTheSameNormalisedCode) {
  for (const ValidRow& row : kValid) {
    const auto base = parse(row.code);
    ASSERT_TRUE(base.ok()) << row.code;
    EXPECT_FALSE(base->omocode());
    const std::vector<std::string> variants = omocodia_variants(row.code);
    ASSERT_EQ(variants.size(), 7u);
    for (const std::string& variant : variants) {
      const auto cf = parse(variant);
      ASSERT_TRUE(cf.ok()) << variant << ": " << cf.error().message;
      EXPECT_TRUE(cf->omocode()) << variant;
      EXPECT_EQ(cf->as_given(), variant);
      EXPECT_EQ(cf->code(), row.code) << variant;
      EXPECT_EQ(cf->birth_date(), base->birth_date()) << variant;
      EXPECT_EQ(*cf, *base) << variant;
    }
  }
}

TEST(CodiceFiscale, OmocodiaLettersAreAcceptedInAnyDigitPosition) {
  // Only the leftmost year digit replaced: not a variant the Agenzia assigns, but a well-formed code.
  std::string code = "RSSMRAU5T10A562";
  code += check_character(code);
  const auto cf = parse(code);
  ASSERT_TRUE(cf.ok()) << cf.error().message;
  EXPECT_EQ(cf->code(), "RSSMRA85T10A562S");
}

struct FaultRow {
  const char* text;
  const char* code;
  const char* message_part;
};

TEST(CodiceFiscale, RefusesEachFaultWithItsCodeAndAPlainMessage) {
  const FaultRow rows[] = {
      {"", "invalid-cf-length", "has 0"},
      {"RSSMRA85T10A562", "invalid-cf-length", "has 15"},
      {"RSSMRA85T10A562SS", "invalid-cf-length", "has 17"},
      {"RSSMRA 85T10A562", "invalid-cf-length", "has 15"},  // a space between groups does not count
      {"RSSMRA.85T10A562S", "invalid-cf-length", "has 17"},  // a dot is not a separator
      {"R5SMRA85T10A562S", "invalid-cf-format", "Character 2 of the codice fiscale should be a letter"},
      {"RSSMRAA5T10A562S", "invalid-cf-format", "Character 7 of the codice fiscale should be a digit"},
      {"RSSMRA85810A562S", "invalid-cf-format", "Character 9 of the codice fiscale should be a letter"},
      {"RSSMRA85T1WA562S", "invalid-cf-format", "Character 11"},
      {"RSSMRA85T105562S", "invalid-cf-format", "Character 12 of the codice fiscale should be a letter"},
      {"RSSMRA85T10A56ZS", "invalid-cf-format", "omocodia letters L M N P Q R S T U V"},
      {"RSSMRA85T10A5621", "invalid-cf-format", "Character 16"},
      {"RSSMRA85T10A562\xC5\x9A", "invalid-cf-format", "Character 16"},  // Ś: 16 characters, 17 bytes
      // A byte that continues no character counts as one (fuzz/codice_fiscale_fuzzer: a valid code followed by
      // stray continuation bytes was accepted with them, a different code() for the same person).
      {"RSSMRA85T10A562S\x8C", "invalid-cf-length", "has 17"},
      {"RSSMRA85T10A562S\x80\x80\x80", "invalid-cf-length", "has 19"},
      {"RSSMRA85T10A562\xC5\x9A\x9A", "invalid-cf-length", "has 17"},
      {"\x80SSMRA85T10A562S", "invalid-cf-format", "Character 1 of the codice fiscale should be a letter"},
      {"RSSMRA85F10A562S", "invalid-cf-month", "A B C D E H L M P R S T; it is F"},
      {"RSSMRA85F10A562X", "invalid-cf-month", "it is F"},  // the month is checked before the check character
      {"RSSMRA85T00A562S", "invalid-cf-day", "01–31 for men or 41–71 for women; it is 00"},
      {"RSSMRA85T32A562S", "invalid-cf-day", "it is 32"},
      {"RSSMRA85T40A562S", "invalid-cf-day", "it is 40"},
      {"RSSMRA85T72A562S", "invalid-cf-day", "it is 72"},
      {"RSSMRA85B30A562S", "invalid-cf-day", "not a real date"},
      {"RSSMRA85B29A562S", "invalid-cf-day", "not a real date"},  // 1985 is not a leap year
      {"RSSMRA85D71A562S", "invalid-cf-day", "not a real date"},  // 31 April, a woman
      {"RSSMRA85T10Z999S", "invalid-cf-birthplace", "Z999 in the codice fiscale is not the code of any"},
      {"RSSMRA85T10Z999X", "invalid-cf-birthplace", "Z999"},  // the place is checked before the check character
      {"RSSMRA85T10M297L", "invalid-cf-birthplace", "FIUMICINO (code M297) did not exist on the birth date"},
      // Abetone existed from 1936 to 2016: neither 2018 nor 1918.
      {"RSSMRA18A10A012Y", "invalid-cf-birthplace", "ABETONE (code A012) did not exist"},
      {"RSSMRA85T10A562T", "invalid-cf-check-character", "should be S, not T"},
      {"RSSMRAURTMLARSNS", "invalid-cf-check-character", "should be L, not S"},
  };
  for (const FaultRow& row : rows) {
    const auto cf = parse(row.text);
    ASSERT_FALSE(cf.ok()) << row.text;
    EXPECT_EQ(cf.error().code, row.code) << row.text << ": " << cf.error().message;
    EXPECT_NE(cf.error().message.find(row.message_part), std::string::npos) << row.text << ": " << cf.error().message;
    EXPECT_EQ(cf.error().kind, ErrorKind::invalid_input);
    EXPECT_EQ(cf.error().field, "codice_fiscale");
  }
}

TEST(CodiceFiscale, EveryWrongCheckCharacterIsRefused) {
  for (const char* valid : {"RSSMRA85T10A562S", "BNCNNA90D65F205R", "GRCLCU01A45Z131R", "RSSMRAURTMLARSNL"}) {
    const std::string first15 = std::string(valid).substr(0, 15);
    for (char letter = 'A'; letter <= 'Z'; ++letter) {
      const auto cf = parse(first15 + letter);
      EXPECT_EQ(cf.ok(), letter == valid[15]) << first15 << letter;
      if (!cf.ok()) {
        EXPECT_EQ(cf.error().code, "invalid-cf-check-character") << first15 << letter;
      }
    }
  }
}

struct CenturyRow {
  const char* text;
  Date today;
  Date born;
};

TEST(CodiceFiscale, CenturyIsTheLatestThatDoesNotPutTheBirthAfterToday) {
  const CenturyRow rows[] = {
      {"RSSMRA05C01H501L", 2025y / 6 / 1, 2005y / 3 / 1},
      {"RSSMRA05C01H501L", 2005y / 3 / 1, 2005y / 3 / 1},   // born today
      {"RSSMRA05C01H501L", 2005y / 2 / 28, 1905y / 3 / 1},  // tomorrow would be in the future
      {"RSSMRA85T10A562S", 2025y / 6 / 1, 1985y / 12 / 10},
      {"RSSMRA00B29H501Y", 2025y / 6 / 1, 2000y / 2 / 29},
      {"BSSGUO50E01L394U", 2025y / 6 / 1, 1950y / 5 / 1},
  };
  for (const CenturyRow& row : rows) {
    const auto cf = parse(row.text, row.today);
    ASSERT_TRUE(cf.ok()) << row.text << " on " << format_date(row.today) << ": " << cf.error().message;
    EXPECT_EQ(cf->birth_date(), row.born) << row.text << " on " << format_date(row.today);
  }
  // Before 29 February 2000 the code can only mean 1900, which had no 29 February.
  EXPECT_EQ(parse("RSSMRA00B29H501Y", 2000y / 2 / 28).error().code, "invalid-cf-day");
}

TEST(CodiceFiscale, TakesTheEarlierCenturyWhenThePlaceDidNotExistInTheLater) {
  const std::tuple<const char*, Date, const char*> rows[] = {
      {"RSSMRA25E01L394J", 1925y / 5 / 1, "TRETTO"},        // abolished 1969; May 2025 is not in the future
      {"RSSMRA18A10A031V", 1918y / 1 / 10, "ACQUACANINA"},  // abolished 2016
  };
  for (const auto& [text, born, place] : rows) {
    const auto cf = parse(text, 2025y / 6 / 1);
    ASSERT_TRUE(cf.ok()) << text << ": " << cf.error().message;
    EXPECT_EQ(cf->birth_date(), born) << text;
    EXPECT_EQ(cf->birth_place().name, place) << text;
  }
}

TEST(CodiceFiscale, MaskedKeepsTheNameLettersAndTheCheckCharacterOnly) {
  EXPECT_EQ(parse("RSSMRA85T10A562S")->masked(), "RSSMRA*********S");
  EXPECT_EQ(parse("RSSMRAURTMLARSNL")->masked(), "RSSMRA*********S");  // of the normalised code
}

TEST(CodiceFiscale, EqualityComparesTheNormalisedCode) {
  EXPECT_EQ(*parse("RSSMRA85T10A562S"), *parse("rssmraurtmlarsnl"));
  EXPECT_FALSE(*parse("RSSMRA85T10A562S") == *parse("BNCNNA90D65F205R"));
}

struct AgreementRow {
  const char* why;
  DeclaredIdentity declared;
  const char* code;   // empty when the code agrees
  const char* field;
};

TEST(CodiceFiscaleAgreement, ReportsTheFirstDisagreementInTheOrderSurnameNameSexDatePlace) {
  const Sex M = Sex::male, F = Sex::female;
  const AgreementRow rows[] = {
      {"all agree", {"Rossi", "Mario", M, 1985y / 12 / 10, "A562"}, "", ""},
      {"case and spaces", {"ROSSI", "mario", M, 1985y / 12 / 10, " a562 "}, "", ""},
      {"a surname with the same code", {"Russo", "Mario", M, 1985y / 12 / 10, "A562"}, "", ""},
      {"the code holds two year digits", {"Rossi", "Mario", M, 1885y / 12 / 10, "A562"}, "", ""},
      {"surname", {"Bianchi", "Mario", M, 1985y / 12 / 10, "A562"}, "cf-mismatch-surname", "surname"},
      {"no surname", {"", "Mario", M, 1985y / 12 / 10, "A562"}, "cf-mismatch-surname", "surname"},
      {"name", {"Rossi", "Luigi", M, 1985y / 12 / 10, "A562"}, "cf-mismatch-name", "name"},
      {"sex", {"Rossi", "Mario", F, 1985y / 12 / 10, "A562"}, "cf-mismatch-sex", "sex"},
      {"day", {"Rossi", "Mario", M, 1985y / 12 / 11, "A562"}, "cf-mismatch-birth-date", "birth_date"},
      {"month", {"Rossi", "Mario", M, 1985y / 11 / 10, "A562"}, "cf-mismatch-birth-date", "birth_date"},
      {"year", {"Rossi", "Mario", M, 1986y / 12 / 10, "A562"}, "cf-mismatch-birth-date", "birth_date"},
      {"place", {"Rossi", "Mario", M, 1985y / 12 / 10, "H501"}, "cf-mismatch-birth-place", "birth_place"},
      {"no place", {"Rossi", "Mario", M, 1985y / 12 / 10, ""}, "cf-mismatch-birth-place", "birth_place"},
      {"surname before sex", {"Bianchi", "Mario", F, 1985y / 12 / 10, "A562"}, "cf-mismatch-surname", "surname"},
      {"name before place", {"Rossi", "Luigi", M, 1985y / 12 / 10, "H501"}, "cf-mismatch-name", "name"},
      {"sex before date", {"Rossi", "Mario", F, 1986y / 12 / 10, "A562"}, "cf-mismatch-sex", "sex"},
      {"date before place", {"Rossi", "Mario", M, 1986y / 12 / 10, "H501"}, "cf-mismatch-birth-date", "birth_date"},
  };
  for (const char* text : {"RSSMRA85T10A562S", "RSSMRAURTMLARSNL"}) {
    const auto cf = parse(text);
    ASSERT_TRUE(cf.ok());
    for (const AgreementRow& row : rows) {
      const Status status = check_agreement(*cf, row.declared);
      EXPECT_EQ(status.ok(), std::string(row.code).empty()) << text << ": " << row.why;
      if (status.ok()) continue;
      EXPECT_EQ(status.error().code, row.code) << text << ": " << row.why;
      EXPECT_EQ(status.error().field, row.field) << text << ": " << row.why;
      EXPECT_EQ(status.error().kind, ErrorKind::invalid_input);
    }
  }
}

std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// tests/data/cf_reference.csv is written by tests/tools/gen_cf_reference.py, an implementation of the
// decree in Python independent of this one; its path is found from the data folder, not compiled in.
TEST(CodiceFiscaleReference, ComputesParsesAndAgreesWithTheIndependentImplementation) {
  const auto path = (data_dir() / ".." / "tests" / "data" / "cf_reference.csv").lexically_normal();
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string line;
  std::getline(in, line);
  ASSERT_EQ(line, "surname,name,sex,birth_date,birth_place,province,belfiore,codice_fiscale");
  std::size_t rows = 0;
  for (; std::getline(in, line); ++rows) {
    const std::vector<std::string> f = split_commas(line);
    ASSERT_EQ(f.size(), 8u) << line;
    const Sex sex = parse_sex(f[2]).value();
    const Date born = parse_date(f[3]).value();
    const auto computed = compute_codice_fiscale({f[0], f[1], sex, born, f[4], f[5]}, registry());
    ASSERT_TRUE(computed.ok()) << line << ": " << computed.error().message;
    EXPECT_EQ(*computed, f[7]) << line;
    const auto cf = parse(f[7]);
    ASSERT_TRUE(cf.ok()) << line << ": " << cf.error().message;
    EXPECT_EQ(cf->code(), f[7]);
    EXPECT_EQ(cf->belfiore(), f[6]) << line;
    EXPECT_EQ(cf->birth_date(), born) << line;
    EXPECT_EQ(cf->sex(), sex) << line;
    const Status agreement = check_agreement(*cf, {f[0], f[1], sex, born, f[6]});
    EXPECT_TRUE(agreement.ok()) << line << ": " << agreement.error().code;
  }
  EXPECT_GE(rows, 300u);
}

}  // namespace
}  // namespace sportello
