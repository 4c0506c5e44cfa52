#include "credential/personal_pin_policy.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace sportello {
namespace {

using namespace std::chrono;

// Mario Rossi, born 10 December 1985.
const PinOwnerFacts kOwner{"RSSMRA85T10A562S", year{1985} / December / day{10}};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

struct Row {
  const char* pin;
  const char* code;  // nullptr: accepted
};

void expect_row(const PersonalPinPolicy& policy, const std::string& pin, const char* code) {
  const Status status = policy.check(pin, kOwner);
  if (!code) {
    EXPECT_TRUE(status.ok()) << '"' << pin << "\" refused: " << status.error().code;
    return;
  }
  ASSERT_FALSE(status.ok()) << '"' << pin << "\" accepted, expected " << code;
  EXPECT_EQ(status.error().code, code) << pin;
  EXPECT_EQ(status.error().kind, ErrorKind::invalid_input) << pin;
  EXPECT_EQ(status.error().field, "new_pin") << pin;
  EXPECT_FALSE(status.error().message.empty()) << pin;
}

TEST(PersonalPin, RowsOfAcceptedAndRefusedPinsWhateverTheCase) {
  const Row rows[] = {
      {"K7W2Q9ZB", nullptr},
      {"PASS2026", nullptr},
      {"A1B2C3D4", nullptr},
      {"12345ABC", nullptr},
      {"RS7K2W9Q", nullptr},  // two letters shared with the codice fiscale are a coincidence, not a derivation
      {"", "pin-length"},
      {"ABC1234", "pin-length"},
      {"ABC123456", "pin-length"},
      {"ABC-1234", "pin-characters"},
      {"ABC 1234", "pin-characters"},
      {"ABCD123!", "pin-characters"},
      {"ABC_1234", "pin-characters"},
      {"\xC3\x80" "BC1234", "pin-characters"},  // "ÀBC1234": 8 bytes, an accented letter
      {"ABCDEFGH", "pin-needs-letter-and-digit"},
      {"12345678", "pin-needs-letter-and-digit"},
      {"RSSM1234", "pin-derived-from-codice-fiscale"},  // surname code
      {"QRSSMRA9", "pin-derived-from-codice-fiscale"},
      {"XX85T10X", "pin-derived-from-codice-fiscale"},  // year, month letter, day
      {"A562SQ7Z", "pin-derived-from-codice-fiscale"},  // birth place and check character
      {"ABCD1985", "pin-derived-from-birth-date"},      // YYYY
      {"Q1012QQQ", "pin-derived-from-birth-date"},      // DDMM
      {"Q1210QQQ", "pin-derived-from-birth-date"},      // MMDD
      {"XY101285", "pin-derived-from-birth-date"},      // DDMMYY
      {"ZZ851210", "pin-derived-from-birth-date"},      // YYMMDD
  };
  const PersonalPinPolicy policy;
  for (const Row& row : rows) {
    expect_row(policy, row.pin, row.code);
    expect_row(policy, lower(row.pin), row.code);
  }
}

TEST(PersonalPin, ACodiceFiscaleGivenInLowerCaseStillCounts) {
  const PinOwnerFacts owner{"rssmra85t10a562s", kOwner.birth_date};
  const Status status = PersonalPinPolicy{}.check("rssm1234", owner);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "pin-derived-from-codice-fiscale");
}

TEST(PersonalPin, WithoutABirthDateOnlyTheCodiceFiscaleIsChecked) {
  const PinOwnerFacts owner{"RSSMRA85T10A562S", Date{}};
  EXPECT_TRUE(PersonalPinPolicy{}.check("ABCD1985", owner).ok());
  EXPECT_FALSE(PersonalPinPolicy{}.check("RSSM1234", owner).ok());
}

TEST(PersonalPin, TheLengthComesFromConfiguration) {
  const PersonalPinPolicy policy{10};
  EXPECT_EQ(policy.length(), 10);
  expect_row(policy, "K7W2Q9ZB4X", nullptr);
  expect_row(policy, "K7W2Q9ZB", "pin-length");
  EXPECT_EQ(PersonalPinPolicy{}.length(), 8);
}

}  // namespace
}  // namespace sportello
