#pragma once
// An amount as every page writes it: "1.234,56 €" in Italian, "€1,234.56" in English. Pure.
#include <string>

#include "services/money.h"
#include "web/locale.h"

namespace sportello::web {

// Keeps what it joins on one line: "€" with its amount, a number with its unit.
inline constexpr const char* kNoBreakSpace = "\u00a0";

std::string euro_text(Cents amount, Language language);

}  // namespace sportello::web
