#include "credential/argon2_hasher.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>

#include "core/crypto_init.h"
#include "core/random.h"

namespace sportello {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::size_t kMinSaltBytes = 8, kMaxSaltBytes = 64;   // accepted when reading a stored hash
constexpr std::size_t kMinHashBytes = 16, kMaxHashBytes = 64;
constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL_NO_PADDING;

// libsodium declares its password arguments never null; an empty string_view may hold a null pointer.
const char* bytes_of(std::string_view secret) { return secret.data() != nullptr ? secret.data() : ""; }

std::string to_base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kBase64), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    kBase64);
  out.pop_back();  // sodium's terminating NUL
  return out;
}

std::string encode(const Argon2Params& p, std::string_view salt, std::string_view hash) {
  return "$argon2id$v=19$m=" + std::to_string(p.memory_kib) + ",t=" + std::to_string(p.iterations) +
         ",p=" + std::to_string(p.parallelism) + "$" + to_base64(salt) + "$" + to_base64(hash);
}

bool eat(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

// A decimal in [0, 2^32) without sign or leading zeros.
bool eat_number(std::string_view& s, std::uint32_t& out) {
  std::size_t digits = 0;
  std::uint64_t value = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9' && digits <= 10) {
    value = value * 10 + static_cast<std::uint64_t>(s[digits] - '0');
    ++digits;
  }
  if (digits == 0 || digits > 10 || (digits > 1 && s[0] == '0')) return false;
  if (value > std::numeric_limits<std::uint32_t>::max()) return false;
  out = static_cast<std::uint32_t>(value);
  s.remove_prefix(digits);
  return true;
}

// Unpadded standard base64 of min_bytes..max_bytes bytes; libsodium refuses non-canonical trailing bits.
std::optional<std::string> decode_base64(std::string_view text, std::size_t min_bytes, std::size_t max_bytes) {
  std::string out(max_bytes, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &length, nullptr, kBase64) != 0 ||
      length < min_bytes) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

// The parameters of exactly `$argon2id$v=19$m=<m>,t=<t>,p=<p>$<salt>$<hash>`, within Argon2Hasher's bounds,
// with a salt and a hash of accepted lengths in canonical base64. libsodium decodes them itself to verify.
std::optional<Argon2Params> parse(std::string_view s) {
  Argon2Params p;
  if (!eat(s, "$argon2id$v=19$m=") || !eat_number(s, p.memory_kib) || !eat(s, ",t=") ||
      !eat_number(s, p.iterations) || !eat(s, ",p=") || !eat_number(s, p.parallelism) || !eat(s, "$")) {
    return std::nullopt;
  }
  if (!Argon2Hasher::validate(p).ok()) return std::nullopt;
  const std::size_t dollar = s.find('$');
  if (dollar == std::string_view::npos) return std::nullopt;
  if (!decode_base64(s.substr(0, dollar), kMinSaltBytes, kMaxSaltBytes) ||
      !decode_base64(s.substr(dollar + 1), kMinHashBytes, kMaxHashBytes)) {
    return std::nullopt;
  }
  return p;
}

Error out_of_range(const char* field, const std::string& rule) {
  return Error::invalid("argon2-params-out-of-range", std::string("argon2 ") + field + " must be " + rule, field);
}

}  // namespace

Status Argon2Hasher::validate(const Argon2Params& p) {
  if (p.parallelism < 1 || p.parallelism > kMaxParallelism) {
    return out_of_range("parallelism", "between 1 and " + std::to_string(kMaxParallelism));
  }
  if (p.iterations < 1 || p.iterations > kMaxIterations) {
    return out_of_range("iterations", "between 1 and " + std::to_string(kMaxIterations));
  }
  if (p.memory_kib < 8 * p.parallelism || p.memory_kib > kMaxMemoryKib) {
    return out_of_range("memory_kib", "at least 8 x parallelism and at most " + std::to_string(kMaxMemoryKib));
  }
  return Ok{};
}

Argon2Hasher::Argon2Hasher(Argon2Params params) : params_(params) {
  if (auto valid = validate(params_); !valid) {
    std::fprintf(stderr, "sportello: %s\n", valid.error().message.c_str());
    std::abort();
  }
  if (params_.parallelism != 1) {
    std::fputs("sportello: argon2 parallelism must be 1 to hash (libsodium computes one lane)\n", stderr);
    std::abort();
  }
  ensure_crypto_initialised();
  dummy_ = encode(params_, random_bytes(kSaltBytes), std::string(kHashBytes, '\0'));
}

std::string Argon2Hasher::hash(std::string_view secret) const {
  // libsodium writes the PHC string encode() would, with a fresh 16-byte salt and a 32-byte hash.
  static_assert(crypto_pwhash_argon2id_SALTBYTES == kSaltBytes);
  char out[crypto_pwhash_argon2id_STRBYTES];
  if (crypto_pwhash_argon2id_str(out, bytes_of(secret), secret.size(), params_.iterations,
                                 std::size_t{params_.memory_kib} * 1024) != 0) {
    std::fputs("sportello: argon2id failed (out of memory?)\n", stderr);
    std::abort();
  }
  return out;
}

bool Argon2Hasher::verify(std::string_view encoded, std::string_view secret) const {
  // Our parser first: it holds a stored string to exactly our format and to the bounds on its parameters,
  // so a tampered row cannot make a worker allocate gigabytes. libsodium then decodes it again and compares
  // the digests in constant time; it verifies any number of lanes (it computes them one after the other).
  if (!parse(encoded)) return false;
  const std::string terminated(encoded);
  return crypto_pwhash_argon2id_str_verify(terminated.c_str(), bytes_of(secret), secret.size()) == 0;
}

bool Argon2Hasher::needs_rehash(std::string_view encoded) const {
  const auto stored = parse(encoded);
  if (!stored) return true;
  return stored->memory_kib < params_.memory_kib || stored->iterations < params_.iterations ||
         stored->parallelism < params_.parallelism;
}

void Argon2Hasher::burn_dummy_verify(std::string_view secret) const {
  [[maybe_unused]] const bool ignored = verify(dummy_, secret);
}

}  // namespace sportello
