#pragma once
// Authenticated encryption of small secrets at rest (PIN halves waiting for delivery, SPEC §3) under one
// 256-bit key: XSalsa20-Poly1305 (libsodium crypto_secretbox_easy) with a fresh random nonce per seal.
// open() refuses anything altered, truncated or sealed under another key. The key lives in sodium_malloc'd
// guarded, read-only memory, wiped when the last copy of the box goes away.
// Immutable after construction; copies share the key. Thread-safe.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/key_file.h"
#include "core/result.h"

namespace sportello {

class SecretBox {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // A box over `raw32`, exactly 32 raw bytes; invalid_input otherwise.
  static Result<SecretBox> from_key(std::string_view raw32);

  // Reads the key stored as standard base64 (one line) in `path`, creating it 0600 when missing
  // (core/key_file.h: load_or_create_key_file, whose errors it returns).
  static Result<SecretBox> load_or_create_key_file(const std::filesystem::path& path);

  // URL-safe base64 (no padding) of nonce || ciphertext-with-tag. Sealing the same text twice differs.
  std::string seal(std::string_view plaintext) const;

  // The plaintext, or invalid_input ("sealed-malformed", "sealed-forged") on bad encoding, tampering or a
  // wrong key.
  Result<std::string> open(std::string_view sealed) const;

 private:
  explicit SecretBox(GuardedKey key) : key_(std::move(key)) {}
  GuardedKey key_;  // kKeyBytes
};

}  // namespace sportello
