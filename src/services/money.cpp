#include "services/money.h"

#include <charconv>

namespace sportello {
namespace {

std::string grouped(Cents amount, char thousands, char decimal) {
  const bool negative = amount < 0;
  // Work on the magnitude as unsigned: -INT64_MIN does not fit in a signed value.
  const unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(amount) : amount;
  const std::string euros = std::to_string(magnitude / 100);
  const unsigned cents = static_cast<unsigned>(magnitude % 100);
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < euros.size(); ++i) {
    if (i > 0 && thousands && (euros.size() - i) % 3 == 0) out += thousands;
    out += euros[i];
  }
  out += decimal;
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

}  // namespace

std::optional<Cents> parse_cents(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  const std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  for (char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  Cents value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return negative ? -value : value;
}

std::string format_euro_it(Cents amount) { return grouped(amount, '.', ','); }
std::string format_euro_en(Cents amount) { return grouped(amount, ',', '.'); }
std::string format_euro_plain(Cents amount) { return grouped(amount, 0, '.'); }

}  // namespace sportello
