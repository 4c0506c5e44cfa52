#include "staff/totp.h"

#include <gtest/gtest.h>

#include <string>

namespace sportello {
namespace {

const std::string kRfcSecret = "12345678901234567890";  // RFC 6238 Appendix B, SHA-1

TEST(Totp, MatchesRfc6238AppendixBTruncatedToSixDigits) {
  struct Case {
    long long unix_seconds;
    const char* rfc_code;  // the RFC lists 8 digits; 6 digits are its last 6
  };
  const Case cases[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& c : cases) {
    const std::string expected = std::string(c.rfc_code).substr(2);
    EXPECT_EQ(totp_code(kRfcSecret, from_unix(c.unix_seconds)), expected) << c.unix_seconds;
    EXPECT_EQ(verify_totp(kRfcSecret, expected, from_unix(c.unix_seconds), 0), c.unix_seconds / 30);
  }
}

TEST(Totp, CodeIsTheSameThroughoutA30SecondStep) {
  EXPECT_EQ(totp_code(kRfcSecret, from_unix(1111111110)), totp_code(kRfcSecret, from_unix(1111111139)));
  EXPECT_NE(totp_code(kRfcSecret, from_unix(1111111139)), totp_code(kRfcSecret, from_unix(1111111140)));
}

TEST(Totp, WindowAcceptsNeighbouringStepsAndReturnsTheMatchedOne) {
  const Instant now = from_unix(1234567890);
  const std::int64_t step = 1234567890 / 30;
  struct Case {
    int code_offset_steps;
    int window;
    std::optional<std::int64_t> matched;
  };
  const Case cases[] = {
      {0, 0, step},          {0, 1, step},          {-1, 1, step - 1},     {1, 1, step + 1},
      {-1, 0, std::nullopt}, {1, 0, std::nullopt},  {-2, 1, std::nullopt}, {2, 1, std::nullopt},
      {-2, 2, step - 2},     {0, -3, step},         {-1, -3, std::nullopt},
  };
  for (const auto& c : cases) {
    const std::string code = totp_code(kRfcSecret, now + Seconds{30 * c.code_offset_steps});
    EXPECT_EQ(verify_totp(kRfcSecret, code, now, c.window), c.matched)
        << "offset " << c.code_offset_steps << " window " << c.window;
  }
}

TEST(Totp, WrongOrMalformedCodesAreRefused) {
  const Instant now = from_unix(1234567890);
  const std::string good = totp_code(kRfcSecret, now);
  std::string wrong = good;
  wrong[5] = wrong[5] == '9' ? '0' : static_cast<char>(wrong[5] + 1);
  const std::string codes[] = {wrong, good.substr(0, 5), good + "0", "", "abcdef", " " + good.substr(1),
                               good.substr(0, 5) + "x", "89005924"};
  for (const std::string& code : codes) {
    EXPECT_EQ(verify_totp(kRfcSecret, code, now, 1), std::nullopt) << code;
  }
}

TEST(Totp, AnotherSecretGivesAnotherCode) {
  const Instant now = from_unix(1234567890);
  EXPECT_EQ(verify_totp("another secret of 20b", totp_code(kRfcSecret, now), now, 0), std::nullopt);
}

TEST(Totp, Base32EncodesRfc4648VectorsWithoutPadding) {
  struct Case {
    const char* bytes;
    const char* text;
  };
  const Case cases[] = {
      {"", ""},          {"f", "MY"},          {"fo", "MZXQ"},          {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"},
      {"12345678901234567890", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(base32_encode(c.bytes), c.text);
    EXPECT_EQ(base32_decode(c.text), std::string(c.bytes)) << c.text;
  }
}

TEST(Totp, Base32DecodeIgnoresCase) {
  EXPECT_EQ(base32_decode("mzxw6ytboi"), std::string("foobar"));
  EXPECT_EQ(base32_decode("MzXw6YtBoI"), std::string("foobar"));
}

TEST(Totp, Base32RoundTripsEveryByteValueAndEveryLength) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); n += 17) {
    EXPECT_EQ(base32_decode(base32_encode(all.substr(0, n))), all.substr(0, n)) << n;
  }
  const std::string secret = new_totp_secret();
  EXPECT_EQ(base32_decode(base32_encode(secret)), secret);
}

TEST(Totp, Base32DecodeRefusesPaddingForeignCharactersAndImpossibleLengths) {
  for (const char* text : {"MY======", "MZXW6===", "M", "MZX", "MZXW6Y", "MZ XW6", "MZXW1", "MZXW0", "MZXW8",
                           "MZ-W6", "MZ", "MZXR"}) {
    EXPECT_EQ(base32_decode(text), std::nullopt) << text;
  }
}

TEST(Totp, NewSecretIs20RandomBytes) {
  const std::string a = new_totp_secret();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, new_totp_secret());
}

TEST(Totp, OtpauthUriCarriesIssuerAccountAndBase32Secret) {
  EXPECT_EQ(otpauth_uri("Sportello INPS", "mario.rossi@example.it", kRfcSecret),
            "otpauth://totp/Sportello%20INPS:mario.rossi%40example.it"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Sportello%20INPS"
            "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace sportello
