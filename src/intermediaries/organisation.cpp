#include "intermediaries/organisation.h"

#include "core/display_text.h"

namespace sportello {

std::optional<std::string> normalise_organisation_code(std::string_view typed) {
  while (!typed.empty() && typed.front() == ' ') typed.remove_prefix(1);
  while (!typed.empty() && typed.back() == ' ') typed.remove_suffix(1);
  if (typed.size() < 2 || typed.size() > kMaxOrganisationCode) return std::nullopt;
  std::string code;
  for (char c : typed) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool letter = c >= 'A' && c <= 'Z';
    if (code.empty() ? !letter : !(letter || (c >= '0' && c <= '9') || c == '-')) return std::nullopt;
    code += c;
  }
  return code;
}

std::optional<std::string> normalise_organisation_text(std::string_view typed) {
  return normalise_display_text(typed, kMaxOrganisationText);
}

}  // namespace sportello
