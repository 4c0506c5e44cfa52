#pragma once
// Dates as people type them into a form: the Italian day-first writing (gg/mm/aaaa, also with one-digit day
// or month, and with '-' or '.' between the parts) as well as ISO yyyy-mm-dd. One parser for every form field
// that takes a date (birth date, health card expiry), so they all accept the same writings. Pure; thread-safe.
#include <optional>
#include <string_view>

#include "core/civil_time.h"

namespace sportello {

// The format a form's hint and error show for a date ("gg/mm/aaaa"; the English pages say dd/mm/yyyy).
inline constexpr std::string_view kTypedDateFormat = "gg/mm/aaaa";

// The real calendar date `text` spells, spaces around it ignored: "5/3/1972", "05/03/1972", "05-03-1972",
// "05.03.1972" or "1972-03-05". Empty for anything else, including impossible dates (31/02/2000) and
// two-digit years (05/03/72 could be 1872, 1972 or 2072).
std::optional<Date> parse_typed_date(std::string_view text);

}  // namespace sportello
