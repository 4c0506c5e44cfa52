#include "core/random.h"

#include <sodium.h>

#include <limits>

#include "core/crypto_init.h"
#include "core/digest.h"

namespace sportello {

std::string random_bytes(std::size_t n) {
  ensure_crypto_initialised();
  std::string out(n, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::uint32_t random_below(std::uint32_t n) {
  ensure_crypto_initialised();
  return randombytes_uniform(n);
}

std::string random_string(std::string_view alphabet, std::size_t length) {
  if (alphabet.empty() || alphabet.size() > std::numeric_limits<std::uint32_t>::max()) return {};
  ensure_crypto_initialised();
  const auto size = static_cast<std::uint32_t>(alphabet.size());
  std::string out(length, '\0');
  for (char& c : out) c = alphabet[randombytes_uniform(size)];
  return out;
}

std::string random_token() {
  std::string raw = random_bytes(32);
  std::string token = base64url_encode(raw);
  sodium_memzero(raw.data(), raw.size());
  return token;
}

std::string random_digits(std::size_t n) { return random_string("0123456789", n); }

}  // namespace sportello
