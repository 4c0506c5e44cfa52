#pragma once
// Codes as people type them (a PIN from a letter, a codice fiscale from a card, a code from a message): the
// same code with spaces or dashes between its groups, copied with a no-break space or a typographic dash, is
// the same code. This is the one place that says which characters are such separators. Pure; thread-safe.
#include <string>
#include <string_view>

namespace sportello {

// Without any space: ASCII blanks (space, tab, line breaks), the Unicode spaces a copy brings (no-break,
// thin, narrow no-break, figure, ideographic …) and invisible ones (zero-width space, word joiner, BOM).
// Everything else, invalid UTF-8 bytes included, is kept. For tokens whose alphabet has '-' (base64url).
std::string without_spaces(std::string_view typed);

// Without spaces (as above), dashes of any kind (hyphen-minus, soft hyphen, U+2010–U+2015, minus sign,
// small and full-width hyphen-minus).
std::string without_separators(std::string_view typed);

// Without separators, ASCII letters upper-cased: what a PIN, a codice fiscale or a digit code is compared as.
std::string normalise_typed_code(std::string_view typed);

// Surrounding spaces (as above) removed; inner ones kept.
std::string_view without_surrounding_spaces(std::string_view typed);

}  // namespace sportello
