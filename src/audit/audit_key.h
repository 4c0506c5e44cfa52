#pragma once
// The secret that keys the audit chain (SPEC §9, issue 15): each row's link is HMAC-SHA256 under this
// 32-byte key, so whoever can rewrite the database but does not hold the key cannot recompute the chain
// after an edit. The key is kept outside the database (`audit.key_file`, like the outbox key) in guarded
// memory. Immutable; copies share the key. Thread-safe.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/key_file.h"
#include "core/result.h"

namespace sportello {

class AuditKey {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // A key over exactly 32 raw bytes; invalid_input otherwise.
  static Result<AuditKey> from_key(std::string_view raw32);
  // The key in `path` (base64, 0600), created when missing (core/key_file.h, whose errors it returns).
  static Result<AuditKey> load_or_create_key_file(const std::filesystem::path& path);
  // The key in `path`; not_found ("key-file-missing") when there is none.
  static Result<AuditKey> load_key_file(const std::filesystem::path& path);

  // HMAC-SHA256 of `message` as 64 lower-case hex digits.
  std::string mac_hex(std::string_view message) const;

 private:
  explicit AuditKey(GuardedKey key) : key_(std::move(key)) {}
  GuardedKey key_;
};

}  // namespace sportello
