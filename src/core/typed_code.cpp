#include "core/typed_code.h"

#include <array>

namespace sportello {
namespace {

// UTF-8 spellings of the non-ASCII spaces and dashes; a match at a position is skipped whole.
constexpr std::array<std::string_view, 20> kUnicodeSpaces{
    "\u00A0",                                                      // no-break space
    "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004",   // ogham, en quad … three-per-em
    "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200A",   // four-per-em … hair space
    "\u200B", "\u202F", "\u205F", "\u2060", "\u3000", "\uFEFF",   // zero-width, narrow no-break, …, BOM
    "\u180E",                                                      // Mongolian vowel separator
};
constexpr std::array<std::string_view, 10> kUnicodeDashes{
    "\u00AD",                                                      // soft hyphen
    "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015",   // hyphen … horizontal bar
    "\u2212",                                                      // minus sign
    "\uFE63", "\uFF0D",                                            // small and full-width hyphen-minus
};

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

template <std::size_t N>
std::size_t match_length(std::string_view text, const std::array<std::string_view, N>& spellings) {
  for (std::string_view s : spellings)
    if (text.starts_with(s)) return s.size();
  return 0;
}

// The length of the separator at the start of `text`, zero when there is none.
std::size_t separator_at(std::string_view text, bool dashes) {
  const char c = text.front();
  if (ascii_space(c) || (dashes && c == '-')) return 1;
  if (static_cast<unsigned char>(c) < 0x80) return 0;
  if (std::size_t n = match_length(text, kUnicodeSpaces)) return n;
  return dashes ? match_length(text, kUnicodeDashes) : 0;
}

std::string without(std::string_view typed, bool dashes) {
  std::string out;
  out.reserve(typed.size());
  while (!typed.empty()) {
    const std::size_t skip = separator_at(typed, dashes);
    if (skip == 0) out.push_back(typed.front());
    typed.remove_prefix(skip == 0 ? 1 : skip);
  }
  return out;
}

}  // namespace

std::string without_spaces(std::string_view typed) { return without(typed, false); }

std::string without_separators(std::string_view typed) { return without(typed, true); }

std::string normalise_typed_code(std::string_view typed) {
  std::string out = without_separators(typed);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string_view without_surrounding_spaces(std::string_view typed) {
  while (!typed.empty()) {
    const std::size_t n = separator_at(typed, false);
    if (n == 0) break;
    typed.remove_prefix(n);
  }
  while (!typed.empty()) {
    std::size_t n = ascii_space(typed.back()) ? 1 : 0;
    for (std::string_view s : kUnicodeSpaces)
      if (n == 0 && typed.ends_with(s)) n = s.size();
    if (n == 0) break;
    typed.remove_suffix(n);
  }
  return typed;
}

}  // namespace sportello
