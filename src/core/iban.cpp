#include "core/iban.h"

#include <cctype>

namespace sportello {
namespace {

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// ISO 7064 MOD 97-10 over the IBAN moved to start after its first four characters, letters as 10..35.
bool check_digits_hold(const std::string& iban) {
  const std::string moved = iban.substr(4) + iban.substr(0, 4);
  unsigned remainder = 0;
  for (char c : moved) {
    if (is_ascii_digit(c)) {
      remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
    } else {
      const unsigned value = static_cast<unsigned>(c - 'A') + 10;
      remainder = (remainder * 100 + value) % 97;
    }
  }
  return remainder == 1;
}

}  // namespace

std::optional<std::string> parse_italian_iban(std::string_view text) {
  std::string iban;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    iban += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (iban.size() != 27 || !iban.starts_with("IT")) return std::nullopt;
  if (!is_ascii_digit(iban[2]) || !is_ascii_digit(iban[3]) || !is_upper(iban[4])) return std::nullopt;
  for (std::size_t i = 5; i < 15; ++i)
    if (!is_ascii_digit(iban[i])) return std::nullopt;  // ABI and CAB
  for (std::size_t i = 15; i < 27; ++i)
    if (!is_ascii_digit(iban[i]) && !is_upper(iban[i])) return std::nullopt;
  if (!check_digits_hold(iban)) return std::nullopt;
  return iban;
}

std::string format_iban(std::string_view electronic) {
  std::string out;
  for (std::size_t i = 0; i < electronic.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += electronic[i];
  }
  return out;
}

}  // namespace sportello
