#include "staff/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstdlib>

#include "core/digest.h"
#include "core/random.h"

namespace sportello {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// RFC 4226 HOTP truncated to kTotpDigits digits.
std::string hotp(std::string_view secret, std::uint64_t counter) {
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i, counter >>= 8) message[static_cast<std::size_t>(i)] = counter & 0xff;
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), message.data(), message.size(),
           mac.data(), &mac_len) == nullptr || mac_len != 20) {
    std::abort();  // HMAC-SHA1 on in-memory buffers fails only if OpenSSL itself is broken
  }
  const unsigned offset = mac[19] & 0x0f;
  const std::uint32_t binary = (std::uint32_t{mac[offset]} & 0x7f) << 24 | std::uint32_t{mac[offset + 1]} << 16 |
                               std::uint32_t{mac[offset + 2]} << 8 | std::uint32_t{mac[offset + 3]};
  std::string code(kTotpDigits, '0');
  std::uint32_t value = binary % 1000000;
  for (auto it = code.rbegin(); it != code.rend(); ++it, value /= 10) *it = static_cast<char>('0' + value % 10);
  return code;
}

bool is_code(std::string_view code) {
  if (code.size() != kTotpDigits) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The 5-bit value of a base32 character, either case; -1 if it is not one.
int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

std::string percent_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0x0f];
    }
  }
  return out;
}

}  // namespace

std::int64_t totp_step(Instant at) {
  const long long seconds = to_unix(at);
  return seconds < 0 ? 0 : seconds / kTotpStepSeconds;
}

std::string totp_code(std::string_view secret_raw, Instant at) {
  return hotp(secret_raw, static_cast<std::uint64_t>(totp_step(at)));
}

std::optional<std::int64_t> verify_totp(std::string_view secret_raw, std::string_view code, Instant at,
                                        int window_steps) {
  if (!is_code(code)) return std::nullopt;
  const std::int64_t now = totp_step(at);
  const std::int64_t window = window_steps < 0 ? 0 : window_steps;
  std::optional<std::int64_t> matched;
  auto check = [&](std::int64_t step) {
    if (step < 0) return;
    const bool equal = constant_time_equal(hotp(secret_raw, static_cast<std::uint64_t>(step)), code);
    if (equal && !matched) matched = step;  // no early exit: every step costs the same
  };
  for (std::int64_t distance = 0; distance <= window; ++distance) {  // nearest to now first
    check(now - distance);
    if (distance > 0) check(now + distance);
  }
  return matched;
}

std::string base32_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kBase32Alphabet[(buffer >> bits) & 0x1f];
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1f];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  const std::size_t tail = text.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;  // no byte count encodes to these lengths
  std::string out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int value = base32_value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;  // unused trailing bits must be zero
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_raw) {
  const std::string encoded_issuer = percent_encode(issuer);
  return "otpauth://totp/" + encoded_issuer + ":" + percent_encode(account) +
         "?secret=" + base32_encode(secret_raw) + "&issuer=" + encoded_issuer +
         "&algorithm=SHA1&digits=6&period=30";
}

std::string new_totp_secret() { return random_bytes(20); }

}  // namespace sportello
