#include "core/random.h"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

#include "core/digest.h"

namespace sportello {
namespace {

TEST(Random, BytesHaveTheAskedLength) {
  for (std::size_t n : {0u, 1u, 16u, 32u, 1000u}) EXPECT_EQ(random_bytes(n).size(), n);
}

TEST(Random, TwoDrawsOf32BytesDiffer) { EXPECT_NE(random_bytes(32), random_bytes(32)); }

TEST(Random, BelowStaysInRangeAndReachesEveryValue) {
  constexpr std::uint32_t n = 10;
  std::array<int, n> seen{};
  for (int i = 0; i < 10000; ++i) {
    const std::uint32_t v = random_below(n);
    ASSERT_LT(v, n);
    ++seen[v];
  }
  // Expected 1000 each, standard deviation 30: outside [800, 1200] means a broken generator, not bad luck.
  for (int count : seen) {
    EXPECT_GT(count, 800);
    EXPECT_LT(count, 1200);
  }
}

TEST(Random, BelowOneIsAlwaysZero) {
  for (int i = 0; i < 100; ++i) EXPECT_EQ(random_below(1), 0u);
}

TEST(Random, StringUsesOnlyAndEveryCharacterOfTheAlphabet) {
  const std::string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";  // like the PIN's: no 0/O, 1/I/L
  const std::string s = random_string(alphabet, 5000);
  ASSERT_EQ(s.size(), 5000u);
  std::set<char> used(s.begin(), s.end());
  EXPECT_EQ(used, std::set<char>(alphabet.begin(), alphabet.end()));
}

TEST(Random, StringFromAnEmptyAlphabetIsEmpty) { EXPECT_EQ(random_string("", 8), ""); }

TEST(Random, TokenIs43UrlSafeCharactersEncoding32Bytes) {
  const std::string token = random_token();
  ASSERT_EQ(token.size(), 43u);
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  auto raw = base64url_decode(token);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(raw->size(), 32u);
  EXPECT_NE(random_token(), token);
}

TEST(Random, DigitsAreDecimalWithTheAskedLength) {
  for (std::size_t n : {0u, 1u, 6u, 64u}) {
    const std::string d = random_digits(n);
    EXPECT_EQ(d.size(), n);
    EXPECT_EQ(d.find_first_not_of("0123456789"), std::string::npos) << d;
  }
}

}  // namespace
}  // namespace sportello
