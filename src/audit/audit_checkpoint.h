#pragma once
// A signed statement that the audit log's head was row `seq` with link `link` at a time (issue 15): one
// line of the checkpoint file, "<time, ISO UTC> <seq> <link> <signature>". The Ed25519 signature covers a
// fixed prefix and the line up to the signature, so any changed character is caught; whoever rewrites the
// database cannot rewrite what a checkpoint saw without the signing seed, which is kept outside it
// (`audit.signing_key_file`). Pure, apart from loading the seed.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/key_file.h"
#include "core/result.h"

namespace sportello {

struct AuditCheckpoint {
  std::string at;         // "2026-04-01T07:00:00Z", as written
  std::int64_t seq = 0;   // the head row
  std::string link;       // its link
  std::string signature;  // Ed25519 over kSignedPrefix + body(), base64url

  std::string body() const;  // "<at> <seq> <link>"
  std::string line() const;  // body() + " " + signature, without the newline
  // The line's parts, or nothing when it does not have the shape of a checkpoint (the signature unchecked).
  static std::optional<AuditCheckpoint> parse(std::string_view line);
};

// Signs checkpoints with an Ed25519 key made from a 32-byte seed. Immutable; copies share the key. Thread-safe.
class CheckpointSigner {
 public:
  static constexpr std::size_t kSeedBytes = 32;

  static Result<CheckpointSigner> from_seed(std::string_view raw32);
  // The seed in `path` (base64, 0600), created when missing (core/key_file.h, whose errors it returns).
  static Result<CheckpointSigner> load_or_create_key_file(const std::filesystem::path& path);

  AuditCheckpoint sign(Instant at, std::int64_t seq, const std::string& link) const;
  // The public key that checks this signer's checkpoints, base64url (43 characters): safe to print and to
  // keep anywhere, and best kept where the database's administrators cannot change it.
  const std::string& public_key() const { return public_key_; }

 private:
  CheckpointSigner(GuardedKey secret, std::string public_key)
      : secret_(std::move(secret)), public_key_(std::move(public_key)) {}
  GuardedKey secret_;  // libsodium's 64-byte Ed25519 secret key (seed and public key)
  std::string public_key_;
};

// True when `checkpoint`'s signature was made by the key whose public half is `public_key` (base64url).
bool checkpoint_signature_holds(const AuditCheckpoint& checkpoint, std::string_view public_key);

}  // namespace sportello
