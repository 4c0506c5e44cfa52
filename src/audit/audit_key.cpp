#include "audit/audit_key.h"

#include "core/digest.h"

namespace sportello {

Result<AuditKey> AuditKey::from_key(std::string_view raw32) {
  if (raw32.size() != kKeyBytes) {
    return Error::invalid("audit-key-length", "an audit key must be exactly 32 bytes", "key");
  }
  auto key = GuardedKey::from_bytes(raw32);
  if (!key) return key.error();
  return AuditKey(*key);
}

Result<AuditKey> AuditKey::load_or_create_key_file(const std::filesystem::path& path) {
  auto key = sportello::load_or_create_key_file(path, kKeyBytes);
  if (!key) return key.error();
  return AuditKey(*key);
}

Result<AuditKey> AuditKey::load_key_file(const std::filesystem::path& path) {
  auto key = sportello::load_key_file(path, kKeyBytes);
  if (!key) return key.error();
  return AuditKey(*key);
}

std::string AuditKey::mac_hex(std::string_view message) const { return hmac_sha256_hex(key_.view(), message); }

}  // namespace sportello
