#pragma once
// Secret keys kept in files outside the database (the outbox's sealing key, the audit chain's MAC key, the
// audit checkpoints' signing seed), and the guarded memory they live in once read. A key file holds one line
// of standard base64, is a regular file with no access for group or others, and is created 0600 with a fresh
// random key when missing. Immutable after construction; copies share the bytes. Thread-safe.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>

#include "core/result.h"

namespace sportello {

// Key bytes in sodium_malloc'd, guarded, read-only memory, wiped when the last copy goes away.
class GuardedKey {
 public:
  // A copy of `raw` (at least one byte) in guarded memory; unavailable when it cannot be allocated.
  static Result<GuardedKey> from_bytes(std::string_view raw);
  const unsigned char* data() const { return bytes_.get(); }
  std::size_t size() const { return size_; }
  std::string_view view() const { return {reinterpret_cast<const char*>(bytes_.get()), size_}; }

 private:
  GuardedKey(std::shared_ptr<const unsigned char> bytes, std::size_t size) : bytes_(std::move(bytes)), size_(size) {}
  std::shared_ptr<const unsigned char> bytes_;
  std::size_t size_ = 0;
};

// Reads the `bytes`-long key stored in `path`. When the file does not exist, creates the missing folders and
// then the file, mode 0600, holding a fresh random key; creation is atomic (a temp file in the same folder
// renamed into place without replacing a file that appeared meanwhile).
// Errors name the file: invalid_input ("key-file-malformed", "key-file-exposed") when it is malformed or
// readable or writable by group or others; unavailable when it cannot be read or written.
Result<GuardedKey> load_or_create_key_file(const std::filesystem::path& path, std::size_t bytes);

// As load_or_create_key_file, but a missing file is not_found ("key-file-missing") instead of created.
Result<GuardedKey> load_key_file(const std::filesystem::path& path, std::size_t bytes);

}  // namespace sportello
