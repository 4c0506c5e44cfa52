#pragma once
// Italian IBANs (ISO 13616 with Italy's layout): "IT", two check digits, the CIN letter, the 5-digit ABI, the
// 5-digit CAB and the 12-character account, 27 characters in all; the check digits are verified by ISO 7064
// MOD 97-10. Pure functions; thread-safe.
#include <optional>
#include <string>
#include <string_view>

namespace sportello {

// The IBAN as people type it (spaces, lower case) -> its 27-character electronic form; nullopt when it is
// not an Italian IBAN whose check digits hold.
std::optional<std::string> parse_italian_iban(std::string_view text);

// "IT60X0542811101000000123456" -> "IT60 X054 2811 1010 0000 0123 456" (groups of four, as printed).
std::string format_iban(std::string_view electronic);

}  // namespace sportello
