#include "core/digest.h"

#include <sodium.h>

#include <fstream>
#include <vector>

#include "core/crypto_init.h"

namespace sportello {
namespace {

const unsigned char* bytes_of(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string to_hex(const unsigned char* bytes, std::size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.pop_back();  // the terminating NUL sodium writes
  return hex;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  ensure_crypto_initialised();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, bytes_of(data), data.size());
  return to_hex(out, sizeof out);
}

std::optional<std::string> sha256_file_hex(const std::filesystem::path& file) {
  ensure_crypto_initialised();
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<char> chunk(1024 * 1024);
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(chunk.data()),
                              static_cast<unsigned long long>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, out);
  return to_hex(out, sizeof out);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  ensure_crypto_initialised();
  crypto_auth_hmacsha256_state state;
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, bytes_of(key), key.size());
  crypto_auth_hmacsha256_update(&state, bytes_of(message), message.size());
  crypto_auth_hmacsha256_final(&state, out);
  sodium_memzero(&state, sizeof state);  // holds the padded key
  return to_hex(out, sizeof out);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  ensure_crypto_initialised();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {

std::string encode(std::string_view bytes, int variant) {
  ensure_crypto_initialised();
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes_of(bytes), bytes.size(), variant);
  out.pop_back();  // the terminating NUL sodium writes
  return out;
}

std::optional<std::string> decode(std::string_view text, const char* ignore, int variant) {
  ensure_crypto_initialised();
  std::string out(text.size() * 3 / 4 + 1, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  int rc = sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                             text.size(), ignore, &length, &end, variant);
  if (rc != 0 || end != text.data() + text.size()) return std::nullopt;
  out.resize(length);
  return out;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  return encode(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string base64_encode(std::string_view bytes) { return encode(bytes, sodium_base64_VARIANT_ORIGINAL); }

std::optional<std::string> base64url_decode(std::string_view text) {
  return decode(text, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::optional<std::string> base64_decode(std::string_view text, const char* ignore) {
  return decode(text, ignore, sodium_base64_VARIANT_ORIGINAL);
}

}  // namespace sportello
