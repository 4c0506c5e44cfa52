#include "core/secret_box.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/random.h"
#include "support/temp_dir.h"

namespace sportello {
namespace {

namespace fs = std::filesystem;
using sportello::testing::TempDir;

SecretBox make_box() { return SecretBox::from_key(random_bytes(32)).value(); }

unsigned mode_of(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 07777;
}

void write_file(const fs::path& path, const std::string& content, fs::perms perms) {
  std::ofstream(path) << content;
  fs::permissions(path, perms);
}

TEST(SecretBox, OpenReturnsWhatWasSealed) {
  const SecretBox box = make_box();
  const std::string plains[] = {"", "ABCD2345", "EFGH6789", std::string(1000, 'x'), std::string("a\0b", 3)};
  for (const std::string& plain : plains) {
    auto opened = box.open(box.seal(plain));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(*opened, plain);
  }
}

TEST(SecretBox, SealingTwiceGivesDifferentUrlSafeText) {
  const SecretBox box = make_box();
  const std::string a = box.seal("ABCD2345");
  EXPECT_NE(a, box.seal("ABCD2345"));
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
}

TEST(SecretBox, AnyAlteredCharacterIsRefused) {
  const SecretBox box = make_box();
  const std::string sealed = box.seal("ABCD2345");
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string tampered = sealed;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    auto opened = box.open(tampered);
    EXPECT_FALSE(opened.ok()) << "position " << i;
  }
}

TEST(SecretBox, ForgedOrMalformedInputGivesATypedError) {
  const SecretBox box = make_box();
  const std::string sealed = box.seal("ABCD2345");
  struct Case {
    std::string input;
    const char* code;
  };
  const Case cases[] = {
      {"", "sealed-malformed"},
      {"not base64!", "sealed-malformed"},
      {sealed.substr(0, 40), "sealed-malformed"},  // shorter than nonce + tag
      {sealed.substr(0, sealed.size() - 4), "sealed-forged"},  // three whole bytes cut off the end
      {SecretBox::from_key(std::string(32, 'k')).value().seal("ABCD2345"), "sealed-forged"},
  };
  for (const auto& c : cases) {
    auto opened = box.open(c.input);
    ASSERT_FALSE(opened.ok()) << c.input;
    EXPECT_EQ(opened.error().kind, ErrorKind::invalid_input);
    EXPECT_EQ(opened.error().code, c.code) << c.input;
  }
}

TEST(SecretBox, AnotherKeyCannotOpen) {
  const std::string sealed = make_box().seal("ABCD2345");
  EXPECT_FALSE(make_box().open(sealed).ok());
}

TEST(SecretBox, CopiesShareTheKey) {
  const SecretBox box = make_box();
  const SecretBox copy = box;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(copy.open(box.seal("ABCD2345")).value(), "ABCD2345");
}

TEST(SecretBox, KeyMustBeExactly32Bytes) {
  for (std::size_t n : {0u, 16u, 31u, 33u, 64u}) {
    auto box = SecretBox::from_key(std::string(n, 'k'));
    ASSERT_FALSE(box.ok()) << n;
    EXPECT_EQ(box.error().kind, ErrorKind::invalid_input);
  }
}

TEST(SecretBox, MissingKeyFileIsCreatedWithMode0600InNewFolders) {
  TempDir dir;
  const fs::path path = dir / "keys/nested/pin-halves.key";
  auto created = SecretBox::load_or_create_key_file(path);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(mode_of(path), 0600u);
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line.size(), 44u);  // 32 bytes in standard base64, padded
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(path.parent_path())) ++entries;
  EXPECT_EQ(entries, 1) << "no temp file left behind";
}

TEST(SecretBox, ReloadedKeyFileOpensWhatTheFirstLoadSealed) {
  TempDir dir;
  const fs::path path = dir / "box.key";
  const std::string sealed = SecretBox::load_or_create_key_file(path).value().seal("ABCD2345");
  auto reloaded = SecretBox::load_or_create_key_file(path);
  ASSERT_TRUE(reloaded.ok()) << reloaded.error().message;
  EXPECT_EQ(reloaded->open(sealed).value(), "ABCD2345");
}

TEST(SecretBox, KeyFileWrittenByAnOperatorIsRead) {
  TempDir dir;
  const fs::path path = dir / "box.key";
  // `openssl rand -base64 32 > box.key`: standard base64 with padding and a newline.
  write_file(path, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", fs::perms::owner_read);
  auto box = SecretBox::load_or_create_key_file(path);
  ASSERT_TRUE(box.ok()) << box.error().message;
  std::string key;
  for (int i = 0; i < 32; ++i) key += static_cast<char>(i);
  EXPECT_EQ(box->open(SecretBox::from_key(key).value().seal("x")).value(), "x");
}

TEST(SecretBox, KeyFileAccessibleToGroupOrOthersIsRefusedNamingTheFile) {
  const fs::perms exposed[] = {fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read,
                               fs::perms::owner_read | fs::perms::group_read,
                               fs::perms::owner_read | fs::perms::others_write};
  for (fs::perms perms : exposed) {
    TempDir dir;
    const fs::path path = dir / "box.key";
    write_file(path, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", perms);
    auto box = SecretBox::load_or_create_key_file(path);
    ASSERT_FALSE(box.ok());
    EXPECT_EQ(box.error().code, "key-file-exposed");
    EXPECT_NE(box.error().message.find(path.string()), std::string::npos) << box.error().message;
  }
}

TEST(SecretBox, MalformedKeyFileIsRefusedNamingTheFile) {
  const char* contents[] = {
      "",
      "not base64 at all\n",
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd\n",                // 30 bytes
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==\n",        // 34 bytes
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n",             // padding missing
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\nsecond line\n",
  };
  for (const char* content : contents) {
    TempDir dir;
    const fs::path path = dir / "box.key";
    write_file(path, content, fs::perms::owner_read | fs::perms::owner_write);
    auto box = SecretBox::load_or_create_key_file(path);
    ASSERT_FALSE(box.ok()) << content;
    EXPECT_EQ(box.error().code, "key-file-malformed") << content;
    EXPECT_NE(box.error().message.find(path.string()), std::string::npos) << box.error().message;
  }
}

TEST(SecretBox, KeyPathThatIsAFolderIsRefused) {
  TempDir dir;
  fs::create_directory(dir / "box.key");
  fs::permissions(dir / "box.key", fs::perms::owner_all);
  EXPECT_FALSE(SecretBox::load_or_create_key_file(dir / "box.key").ok());
}

}  // namespace
}  // namespace sportello
