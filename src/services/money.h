#pragma once
// Amounts of money as whole euro cents (the institute's files carry cents; nothing here is floating point).
// Pure functions; thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sportello {

using Cents = std::int64_t;

// "123456" or "-250" -> cents; empty optional for anything else (no decimal point, no spaces, no '+',
// at most 15 digits).
std::optional<Cents> parse_cents(std::string_view text);
// 123456 -> "1.234,56" (Italian grouping, comma for decimals); -250 -> "-2,50".
std::string format_euro_it(Cents amount);
// 123456 -> "1,234.56".
std::string format_euro_en(Cents amount);
// 123456 -> "1234.56" (machine form: CSV exports, JSON "euro" strings).
std::string format_euro_plain(Cents amount);

}  // namespace sportello
