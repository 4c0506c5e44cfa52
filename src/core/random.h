#pragma once
// Unpredictable values from libsodium's CSPRNG (the kernel's getrandom underneath): PIN characters, salts,
// tokens, nonces. Every draw is uniform: no modulo bias. Thread-safe.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sportello {

// n random bytes.
std::string random_bytes(std::size_t n);

// A uniform integer in [0, n). REQUIRES: n > 0 (returns 0 when n is 0 or 1).
std::uint32_t random_below(std::uint32_t n);

// `length` characters, each drawn uniformly and independently from `alphabet`.
// REQUIRES: alphabet non-empty and shorter than 2^32 (an empty alphabet gives an empty string).
// A character listed twice is twice as likely.
std::string random_string(std::string_view alphabet, std::size_t length);

// 256 random bits as URL-safe base64 without padding (43 characters), for links and session ids.
std::string random_token();

// n decimal digits, leading zeros included.
std::string random_digits(std::size_t n);

}  // namespace sportello
