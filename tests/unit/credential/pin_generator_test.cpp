#include "credential/pin_generator.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace sportello {
namespace {

TEST(PinGenerator, AlphabetHasNoLookAlikes) {
  EXPECT_EQ(kPinAlphabet.size(), 31u);
  for (char look_alike : {'0', 'O', '1', 'I', 'L'})
    EXPECT_EQ(kPinAlphabet.find(look_alike), std::string_view::npos) << look_alike;
  EXPECT_EQ(std::set<char>(kPinAlphabet.begin(), kPinAlphabet.end()).size(), kPinAlphabet.size()) << "no repeats";
}

TEST(PinGenerator, IssuedPinHasSixteenCharactersInTwoHalvesOfEightFromTheAlphabet) {
  for (int i = 0; i < 200; ++i) {
    const IssuedPin pin = generate_issued_pin();
    ASSERT_EQ(pin.first_half.size(), 8u);
    ASSERT_EQ(pin.second_half.size(), 8u);
    ASSERT_EQ(pin.full(), pin.first_half + pin.second_half);
    ASSERT_EQ(pin.full().size(), kIssuedPinLength);
    for (char c : pin.full()) ASSERT_NE(kPinAlphabet.find(c), std::string_view::npos) << pin.full();
  }
}

TEST(PinGenerator, AThousandPinsAreAllDifferent) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(generate_issued_pin().full());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(PinGenerator, EveryAlphabetCharacterAppearsInBothHalves) {
  // 1,000 PINs give 8,000 characters per half; a given character is missing from one half with probability
  // (30/31)^8000, about 1e-114, so this cannot fail by chance.
  std::set<char> first, second;
  for (int i = 0; i < 1000; ++i) {
    const IssuedPin pin = generate_issued_pin();
    first.insert(pin.first_half.begin(), pin.first_half.end());
    second.insert(pin.second_half.begin(), pin.second_half.end());
  }
  const std::set<char> alphabet(kPinAlphabet.begin(), kPinAlphabet.end());
  EXPECT_EQ(first, alphabet);
  EXPECT_EQ(second, alphabet);
}

TEST(PinGenerator, TypedPinIsUpperCasedWithoutSpacesOrDashes) {
  struct Case {
    const char* typed;
    const char* normalised;
  };
  const Case cases[] = {
      {"ABCDEFGHJKMNPQRS", "ABCDEFGHJKMNPQRS"},
      {"abcdefghjkmnpqrs", "ABCDEFGHJKMNPQRS"},
      {"abcd efgh-jkmn pqrs", "ABCDEFGHJKMNPQRS"},
      {"  ABCD-EFGH  JKMN--PQRS ", "ABCDEFGHJKMNPQRS"},
      {"aBc2 3x9Y", "ABC23X9Y"},
      {"abcdefgh\tjkmnpqrs", "ABCDEFGHJKMNPQRS"},             // a tab between the halves
      {"ABCDEFGH\u00A0JKMNPQRS", "ABCDEFGHJKMNPQRS"},         // a no-break space, copied from a page
      {"ABCDEFGH \u2013 JKMNPQRS", "ABCDEFGHJKMNPQRS"},       // an en dash, as a word processor writes "-"
      {"ABCDEFGH\u2212JKMNPQRS\n", "ABCDEFGHJKMNPQRS"},       // a minus sign, a trailing line break
      {"ABCD.EFGH", "ABCD.EFGH"},                            // a dot is not a separator: the PIN is wrong
      {"", ""},
      {" - ", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(normalise_typed_pin(c.typed), c.normalised) << '"' << c.typed << '"';
}

}  // namespace
}  // namespace sportello
