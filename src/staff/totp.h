#pragma once
// Time-based one-time passwords (RFC 6238) for the staff second factor, as authenticator apps compute them:
// HMAC-SHA1, 6 digits, 30-second steps counted from the Unix epoch. Codes are compared in constant time.
// verify_totp returns the matched time step so the caller can refuse a step already used (no replay).
// Secrets are raw bytes; base32 (RFC 4648, no padding) is only how they are shown to people and apps.
// Pure functions; thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace sportello {

inline constexpr std::int64_t kTotpStepSeconds = 30;
inline constexpr std::size_t kTotpDigits = 6;

// The time step `at` falls in: floor(unix seconds / 30). Instants before 1970 count as step 0.
std::int64_t totp_step(Instant at);

// The 6-digit code for `at`, with leading zeros.
std::string totp_code(std::string_view secret_raw, Instant at);

// The step s in [step(at) - window_steps, step(at) + window_steps] whose code is `code`, preferring the one
// nearest to now; nullopt when none matches or `code` is not exactly 6 ASCII digits. A negative window counts
// as 0. Every step of the window is computed and compared, whichever matches.
std::optional<std::int64_t> verify_totp(std::string_view secret_raw, std::string_view code, Instant at,
                                        int window_steps);

// RFC 4648 base32 (A-Z, 2-7), upper case, without '=' padding.
std::string base32_encode(std::string_view bytes);

// The inverse of base32_encode, accepting lower case too. nullopt for padding, spaces, other characters,
// an impossible length or non-zero unused trailing bits.
std::optional<std::string> base32_decode(std::string_view text);

// otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>&algorithm=SHA1&digits=6&period=30,
// issuer and account percent-encoded: what an authenticator app reads from a QR code.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_raw);

// 20 random bytes (160 bits, RFC 4226's recommended length).
std::string new_totp_secret();

}  // namespace sportello
