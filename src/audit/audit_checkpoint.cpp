#include "audit/audit_checkpoint.h"

#include <sodium.h>

#include <charconv>

#include "core/civil_time.h"
#include "core/crypto_init.h"
#include "core/digest.h"

namespace sportello {
namespace {

// Names what is signed, so a checkpoint's signature cannot be taken for a signature of anything else.
constexpr std::string_view kSignedPrefix = "sportello-audit-checkpoint-v1 ";

std::string signed_message(const AuditCheckpoint& c) { return std::string(kSignedPrefix) + c.body(); }

bool is_link(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// "YYYY-MM-DDTHH:MM:SSZ" by shape only: the time is shown, never computed with.
bool is_utc_iso(std::string_view s) {
  if (s.size() != 20) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char expected = i == 4 || i == 7 ? '-' : i == 10 ? 'T' : i == 13 || i == 16 ? ':' : i == 19 ? 'Z' : '0';
    if (expected == '0' ? (c < '0' || c > '9') : c != expected) return false;
  }
  return true;
}

}  // namespace

std::string AuditCheckpoint::body() const { return at + " " + std::to_string(seq) + " " + link; }

std::string AuditCheckpoint::line() const { return body() + " " + signature; }

std::optional<AuditCheckpoint> AuditCheckpoint::parse(std::string_view line) {
  std::string_view parts[4];
  for (int i = 0; i < 4; ++i) {
    const std::size_t space = line.find(' ');
    if ((i < 3) != (space != std::string_view::npos)) return std::nullopt;
    parts[i] = line.substr(0, space);
    if (i < 3) line.remove_prefix(space + 1);
  }
  AuditCheckpoint c;
  const auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), c.seq);
  if (ec != std::errc{} || end != parts[1].data() + parts[1].size() || c.seq < 1) return std::nullopt;
  if (!is_utc_iso(parts[0]) || !is_link(parts[2]) || parts[3].empty()) return std::nullopt;
  c.at = parts[0];
  c.link = parts[2];
  c.signature = parts[3];
  return c;
}

Result<CheckpointSigner> CheckpointSigner::from_seed(std::string_view raw32) {
  if (raw32.size() != kSeedBytes) {
    return Error::invalid("signing-seed-length", "a checkpoint signing seed must be exactly 32 bytes", "key");
  }
  ensure_crypto_initialised();
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  std::string secret(crypto_sign_SECRETKEYBYTES, '\0');
  crypto_sign_seed_keypair(public_key, reinterpret_cast<unsigned char*>(secret.data()),
                           reinterpret_cast<const unsigned char*>(raw32.data()));
  auto guarded = GuardedKey::from_bytes(secret);
  sodium_memzero(secret.data(), secret.size());
  if (!guarded) return guarded.error();
  return CheckpointSigner(*guarded, base64url_encode(std::string_view(reinterpret_cast<char*>(public_key),
                                                                      sizeof public_key)));
}

Result<CheckpointSigner> CheckpointSigner::load_or_create_key_file(const std::filesystem::path& path) {
  auto seed = sportello::load_or_create_key_file(path, kSeedBytes);
  if (!seed) return seed.error();
  return from_seed(seed->view());
}

AuditCheckpoint CheckpointSigner::sign(Instant at, std::int64_t seq, const std::string& link) const {
  AuditCheckpoint c{format_utc_iso(at), seq, link, {}};
  const std::string message = signed_message(c);
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  c.signature = base64url_encode(std::string_view(reinterpret_cast<char*>(signature), sizeof signature));
  return c;
}

bool checkpoint_signature_holds(const AuditCheckpoint& c, std::string_view public_key) {
  ensure_crypto_initialised();
  const auto key = base64url_decode(public_key);
  const auto signature = base64url_decode(c.signature);
  if (!key || key->size() != crypto_sign_PUBLICKEYBYTES || !signature || signature->size() != crypto_sign_BYTES) {
    return false;
  }
  const std::string message = signed_message(c);
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     reinterpret_cast<const unsigned char*>(key->data())) == 0;
}

}  // namespace sportello
