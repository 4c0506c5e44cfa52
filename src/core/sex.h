#pragma once
// Sex as the codice fiscale records it (SPEC §2): M or F. Pure functions; thread-safe.
#include <optional>
#include <string_view>

namespace sportello {

enum class Sex { male, female };

// "M" or "F", either case, nothing else (no surrounding spaces); empty optional otherwise.
inline std::optional<Sex> parse_sex(std::string_view text) {
  if (text == "M" || text == "m") return Sex::male;
  if (text == "F" || text == "f") return Sex::female;
  return std::nullopt;
}

// 'M' or 'F'.
inline char sex_letter(Sex sex) { return sex == Sex::male ? 'M' : 'F'; }

}  // namespace sportello
