#include "audit/audit_checkpoint.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "audit/audit_key.h"
#include "audit/checkpoint_file.h"
#include "support/temp_dir.h"

namespace sportello {
namespace {

using namespace std::chrono;

const Instant kAt = Instant{sys_days{year{2026} / 4 / 1}} + hours{7};
const std::string kLink(64, 'c');

CheckpointSigner signer(char fill = 's') { return CheckpointSigner::from_seed(std::string(32, fill)).value(); }

TEST(AuditCheckpoint, ASignedLineReadsBackAndHolds) {
  const AuditCheckpoint c = signer().sign(kAt, 42, kLink);
  EXPECT_EQ(c.body(), "2026-04-01T07:00:00Z 42 " + kLink);
  auto parsed = AuditCheckpoint::parse(c.line());
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->at, "2026-04-01T07:00:00Z");
  EXPECT_EQ(parsed->seq, 42);
  EXPECT_EQ(parsed->link, kLink);
  EXPECT_TRUE(checkpoint_signature_holds(*parsed, signer().public_key()));
  EXPECT_EQ(signer().public_key().size(), 43u);
}

TEST(AuditCheckpoint, AnyChangedCharacterOrAnotherKeyFailsTheSignature) {
  const std::string line = signer().sign(kAt, 42, kLink).line();
  for (std::size_t i = 0; i < line.size(); ++i) {
    std::string altered = line;
    if (altered[i] == ' ') continue;
    altered[i] = altered[i] == '1' ? '2' : altered[i] == 'c' ? 'd' : altered[i] == 'A' ? 'B' : '1';
    auto parsed = AuditCheckpoint::parse(altered);
    if (parsed) {
      EXPECT_FALSE(checkpoint_signature_holds(*parsed, signer().public_key())) << "character " << i;
    }
  }
  EXPECT_FALSE(checkpoint_signature_holds(*AuditCheckpoint::parse(line), signer('t').public_key()));
  EXPECT_FALSE(checkpoint_signature_holds(*AuditCheckpoint::parse(line), "not a key"));
}

TEST(AuditCheckpoint, LinesOfAnotherShapeAreNotCheckpoints) {
  const std::string good = signer().sign(kAt, 42, kLink).line();
  const std::string cases[] = {
      "",
      good.substr(0, good.size() / 2),
      good + " extra",
      "2026-04-01T07:00:00Z 0 " + kLink + " sig",
      "2026-04-01T07:00:00Z -1 " + kLink + " sig",
      "2026-04-01T07:00:00Z 4x " + kLink + " sig",
      "2026-04-01 07:00:00Z 42 " + kLink + " sig",
      "2026-04-01T07:00:00Z 42 " + std::string(63, 'c') + " sig",
      "2026-04-01T07:00:00Z 42 " + std::string(64, 'C') + " sig",
      "2026-04-01T07:00:00Z  42 " + kLink + " sig",
  };
  for (const auto& line : cases) EXPECT_FALSE(AuditCheckpoint::parse(line).has_value()) << line;
}

TEST(CheckpointSigner, TheSeedFileIsCreated0600AndGivesTheSameKeyAgain) {
  testing::TempDir dir;
  const auto path = dir.path() / "keys" / "audit-signing.key";
  auto first = CheckpointSigner::load_or_create_key_file(path);
  ASSERT_TRUE(first.ok()) << first.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = CheckpointSigner::load_or_create_key_file(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(first->public_key(), again->public_key());
  ::chmod(path.c_str(), 0644);
  EXPECT_EQ(CheckpointSigner::load_or_create_key_file(path).error().code, "key-file-exposed");
}

TEST(AuditKey, TheKeyFileIsCreatedOnceAndMissingIsNamed) {
  testing::TempDir dir;
  const auto path = dir.path() / "audit.key";
  EXPECT_EQ(AuditKey::load_key_file(path).error().code, "key-file-missing");
  auto created = AuditKey::load_or_create_key_file(path);
  ASSERT_TRUE(created.ok());
  auto loaded = AuditKey::load_key_file(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(created->mac_hex("row"), loaded->mac_hex("row"));
  std::ofstream(path) << "c2hvcnQ=\n";  // "short"
  EXPECT_EQ(AuditKey::load_key_file(path).error().code, "key-file-malformed");
}

TEST(CheckpointFile, AppendsLinesIn0600AndReadsThemBack) {
  testing::TempDir dir;
  CheckpointFile file(dir.path() / "witness" / "checkpoints.log");
  EXPECT_FALSE(file.lines().value().has_value()) << "no file yet";
  EXPECT_FALSE(file.last_line().value().has_value());
  const AuditCheckpoint a = signer().sign(kAt, 1, kLink), b = signer().sign(kAt + minutes{5}, 2, kLink);
  ASSERT_TRUE(file.append(a).ok());
  ASSERT_TRUE(file.append(b).ok());
  struct stat st {};
  ASSERT_EQ(::stat(file.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto lines = file.lines();
  ASSERT_TRUE(lines.ok() && lines->has_value());
  EXPECT_EQ(**lines, (std::vector<std::string>{a.line(), b.line()}));
  EXPECT_EQ(file.last_line().value(), b.line());
  std::ofstream(file.path(), std::ios::app) << "cut sho";  // a line cut short is returned as it is
  EXPECT_EQ(file.lines().value()->back(), "cut sho");
  EXPECT_EQ(file.last_line().value(), b.line()) << "the last complete line";
}

}  // namespace
}  // namespace sportello
