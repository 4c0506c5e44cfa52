#include "core/digest.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "support/temp_dir.h"

namespace sportello {
namespace {

TEST(Digest, Sha256MatchesKnownVectors) {
  struct Case {
    std::string input;
    const char* hex;
  };
  const Case cases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {std::string(1000000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  for (const auto& c : cases) EXPECT_EQ(sha256_hex(c.input), c.hex) << c.input.substr(0, 20);
}

TEST(Digest, AFilesDigestIsTheDigestOfItsBytesAcrossChunks) {
  sportello::testing::TempDir dir;
  const auto path = dir / "data.bin";
  std::string bytes(3 * 1024 * 1024 + 17, '\0');  // more than three of the reader's 1 MiB chunks
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 31 % 251);
  std::ofstream(path, std::ios::binary) << bytes;
  EXPECT_EQ(sha256_file_hex(path), sha256_hex(bytes));
  std::ofstream(dir / "empty.bin", std::ios::binary).flush();
  EXPECT_EQ(sha256_file_hex(dir / "empty.bin"), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_FALSE(sha256_file_hex(dir / "missing.bin"));
}

TEST(Digest, HmacSha256MatchesRfc4231) {
  struct Case {
    const char* name;
    std::string key;
    std::string message;
    const char* hex;
  };
  const Case cases[] = {
      {"case 1", std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"case 2", "Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"case 3", std::string(20, '\xaa'), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {"case 6 (key longer than a block)", std::string(131, '\xaa'),
       "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
  };
  for (const auto& c : cases) EXPECT_EQ(hmac_sha256_hex(c.key, c.message), c.hex) << c.name;
}

TEST(Digest, ConstantTimeEqualIsTrueOnlyForIdenticalBytes) {
  struct Case {
    std::string a;
    std::string b;
    bool equal;
  };
  const Case cases[] = {
      {"", "", true},
      {"abc", "abc", true},
      {"abc", "abd", false},
      {"abc", "Abc", false},
      {"abc", "ab", false},
      {"ab", "abc", false},
      {"", "a", false},
      {std::string("a\0b", 3), std::string("a\0c", 3), false},
      {std::string("a\0b", 3), std::string("a\0b", 3), true},
  };
  for (const auto& c : cases) EXPECT_EQ(constant_time_equal(c.a, c.b), c.equal) << c.a << " vs " << c.b;
}

TEST(Digest, Base64UrlEncodesRfc4648VectorsWithoutPadding) {
  struct Case {
    std::string bytes;
    const char* text;
  };
  const Case cases[] = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},       {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
      {"\xfb\xff", "-_8"},  // the URL-safe characters, where standard base64 has '+' and '/'
  };
  for (const auto& c : cases) {
    EXPECT_EQ(base64url_encode(c.bytes), c.text);
    auto decoded = base64url_decode(c.text);
    ASSERT_TRUE(decoded.has_value()) << c.text;
    EXPECT_EQ(*decoded, c.bytes);
  }
}

TEST(Digest, Base64UrlRoundTripsEveryByteValue) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_EQ(base64url_decode(base64url_encode(all)), all);
}

TEST(Digest, Base64UrlDecodeRefusesAnythingButCanonicalUrlSafeText) {
  for (const char* text : {"Zg==", "Zm8=", "+/8", "Zm 9v", "Zm9v\n", "Z", "Zm9vY", "Zh", "Zm9=", "Zm9v$"}) {
    EXPECT_FALSE(base64url_decode(text).has_value()) << text;
  }
}

TEST(Digest, Base64DecodesTheStandardAlphabetSkippingWhatItIsTold) {
  EXPECT_EQ(base64_decode("Zm9vYg=="), "foob");
  EXPECT_EQ(base64_decode("+/8="), "\xfb\xff");
  EXPECT_EQ(base64_decode("\n  Zm9v\nYmFy\n  ", " \n"), "foobar") << "as an X509Certificate element holds it";
  for (const char* text : {"Zm9v\nYmFy", "-_8=", "Zm9vYg", "Zm9v$", "Z"})
    EXPECT_FALSE(base64_decode(text).has_value()) << text;
}

TEST(Digest, Base64EncodesWithPaddingAndTheStandardAlphabet) {
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
  EXPECT_EQ(base64_encode(""), "");
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  EXPECT_EQ(base64_decode(base64_encode(all)), all);
}

}  // namespace
}  // namespace sportello
