#include "core/typed_date.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/typed_code.h"

namespace sportello {
namespace {

bool all_digits(std::string_view part) {
  return !part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos;
}

// Splits "d<sep>m<sep>y" where <sep> is one of / - . (the same both times). False on any other shape.
bool split_three(std::string_view text, std::array<std::string_view, 3>& parts) {
  const std::size_t first = text.find_first_of("/-.");
  if (first == std::string_view::npos) return false;
  const char sep = text[first];
  const std::size_t second = text.find(sep, first + 1);
  if (second == std::string_view::npos || text.find_first_of("/-.", second + 1) != std::string_view::npos)
    return false;
  parts = {text.substr(0, first), text.substr(first + 1, second - first - 1), text.substr(second + 1)};
  return std::all_of(parts.begin(), parts.end(), all_digits);
}

unsigned number(std::string_view digits) {
  unsigned value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

}  // namespace

std::optional<Date> parse_typed_date(std::string_view text) {
  text = without_surrounding_spaces(text);
  std::array<std::string_view, 3> parts;
  if (!split_three(text, parts)) return std::nullopt;
  if (parts[0].size() == 4 && text[4] == '-') return parse_date(text);  // ISO: yyyy-mm-dd
  if (parts[0].size() > 2 || parts[1].size() > 2 || parts[2].size() != 4) return std::nullopt;
  const Date date{std::chrono::year{static_cast<int>(number(parts[2]))}, std::chrono::month{number(parts[1])},
                  std::chrono::day{number(parts[0])}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace sportello
