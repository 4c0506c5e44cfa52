#include "core/tessera_sanitaria.h"

#include <gtest/gtest.h>

#include <string>

#include "support/dates.h"

namespace sportello {
namespace {

using testing::ymd;

using namespace std::chrono;

constexpr const char* kNumber = "80380000301234567890";  // 20 digits, issuer prefix 80380

TEST(TesseraSanitaria, TwentyDigitsBeginning80380AreAcceptedIgnoringSpacesAndDashes) {
  struct Case {
    const char* typed;
    const char* number;
  };
  const Case cases[] = {
      {"80380000301234567890", "80380000301234567890"},
      {"80380 00030 12345 67890", "80380000301234567890"},
      {"80380-00030-12345-67890", "80380000301234567890"},
      {" 8038000030 1234567890 ", "80380000301234567890"},
      {"80380999999999999999", "80380999999999999999"},
  };
  for (const auto& c : cases) {
    const auto card = TesseraSanitaria::parse(c.typed, "2030-06-30");
    ASSERT_TRUE(card.ok()) << c.typed << ": " << card.error().code;
    EXPECT_EQ(card->number(), c.number) << c.typed;
    EXPECT_EQ(card->expiry(), ymd(2030, 6, 30)) << c.typed;
  }
}

TEST(TesseraSanitaria, WrongPrefixLengthOrCharactersAreRefusedAsInvalidNumber) {
  const char* const numbers[] = {
      "80381000301234567890",   // another issuer prefix
      "08038000301234567890",   // prefix shifted
      "12345678901234567890",
      "8038000030123456789",    // 19 digits
      "803800003012345678901",  // 21 digits
      "80380",
      "",
      "8038000030123456789A",   // a letter
      "80380O00301234567890",   // letter O for zero
      "80380.00030.12345.67890",  // dots are not ignored
      "80380_00030_12345_6789",
  };
  for (const char* number : numbers) {
    const auto card = TesseraSanitaria::parse(number, "2030-06-30");
    ASSERT_FALSE(card.ok()) << '"' << number << '"';
    EXPECT_EQ(card.error().kind, ErrorKind::invalid_input) << number;
    EXPECT_EQ(card.error().code, "invalid-ts-number") << number;
    EXPECT_EQ(card.error().field, "tessera_number") << number;
  }
}

TEST(TesseraSanitaria, ABadExpiryIsRefusedAsInvalidExpiry) {
  for (const char* expiry : {"", "2030-02-30", "2030-13-01", "31/06/2030", "30/06/30", "giugno 2030", "2030-06"}) {
    const auto card = TesseraSanitaria::parse(kNumber, expiry);
    ASSERT_FALSE(card.ok()) << '"' << expiry << '"';
    EXPECT_EQ(card.error().code, "invalid-ts-expiry") << expiry;
    EXPECT_EQ(card.error().field, "tessera_expiry") << expiry;
  }
}

TEST(TesseraSanitaria, TheExpiryIsReadAsPrintedOnTheCard) {
  for (const char* expiry : {"30/06/2030", "30.06.2030", " 30/6/2030 ", "2030-06-30"}) {
    const auto card = TesseraSanitaria::parse(kNumber, expiry);
    ASSERT_TRUE(card.ok()) << '"' << expiry << '"';
    EXPECT_EQ(card->expiry(), ymd(2030, 6, 30)) << expiry;
  }
}

TEST(TesseraSanitaria, ABadNumberIsReportedBeforeABadExpiry) {
  const auto card = TesseraSanitaria::parse("123", "not a date");
  ASSERT_FALSE(card.ok());
  EXPECT_EQ(card.error().code, "invalid-ts-number");
}

TEST(TesseraSanitaria, ACardIsValidUpToAndIncludingItsExpiryDay) {
  const TesseraSanitaria card{kNumber, ymd(2026, 3, 31)};
  struct Case {
    Date today;
    bool valid;
  };
  const Case cases[] = {
      {ymd(2020, 1, 1), true},
      {ymd(2026, 3, 30), true},
      {ymd(2026, 3, 31), true},   // the expiry day itself
      {ymd(2026, 4, 1), false},   // the day after
      {ymd(2027, 1, 1), false},
  };
  for (const auto& c : cases) {
    const Status status = card.check_valid_on(c.today);
    EXPECT_EQ(status.ok(), c.valid) << format_date(c.today);
    if (!c.valid && !status.ok()) {
      EXPECT_EQ(status.error().code, "ts-expired");
      EXPECT_EQ(status.error().field, "tessera_expiry");
    }
  }
}

TEST(TesseraSanitaria, TheExpiredMessageNamesTheExpiryDate) {
  const TesseraSanitaria card{kNumber, ymd(2026, 3, 31)};
  const Status status = card.check_valid_on(ymd(2026, 4, 1));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("31/03/2026"), std::string::npos) << status.error().message;
}

TEST(TesseraSanitaria, ParsedCardsCompareByNumberAndExpiry) {
  const auto a = TesseraSanitaria::parse("80380 00030 12345 67890", "2030-06-30");
  const auto b = TesseraSanitaria::parse(kNumber, "2030-06-30");
  const auto c = TesseraSanitaria::parse(kNumber, "2030-07-01");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a.value(), b.value());
  EXPECT_FALSE(a.value() == c.value());
}

}  // namespace
}  // namespace sportello
