#pragma once
// Hashes, MACs and encodings of bytes held in std::string: SHA-256, HMAC-SHA256 (libsodium), a comparison whose
// time does not depend on where two equal-length strings differ, and base64url (RFC 4648 §5, no padding).
// Pure functions; thread-safe.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace sportello {

// SHA-256 of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

// SHA-256 of a file's whole content, read in chunks (memory stays flat), as 64 lower-case hex digits;
// nullopt when the file cannot be read.
std::optional<std::string> sha256_file_hex(const std::filesystem::path& file);

// HMAC-SHA256 (RFC 2104) of `message` under `key` of any length, as 64 lower-case hex digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// True when a and b hold the same bytes. For equal lengths the time taken does not depend on the contents;
// a length difference returns at once (lengths are not secret here).
bool constant_time_equal(std::string_view a, std::string_view b);

// URL-safe base64 ('-' and '_'), without '=' padding.
std::string base64url_encode(std::string_view bytes);

// The inverse of base64url_encode. Strict: nullopt for padding, whitespace, characters outside the URL-safe
// alphabet, an impossible length or non-zero unused trailing bits (so each byte string has one encoding).
std::optional<std::string> base64url_decode(std::string_view text);

// Standard base64 (RFC 4648 §4, '+' and '/', with '=' padding), on one line.
std::string base64_encode(std::string_view bytes);

// Standard base64 (RFC 4648 §4, '+' and '/', with '=' padding), as XML and SAML carry it; the characters in
// `ignore` (line breaks, say) are skipped. nullopt for anything else outside the alphabet or a truncated input.
std::optional<std::string> base64_decode(std::string_view text, const char* ignore = nullptr);

}  // namespace sportello
