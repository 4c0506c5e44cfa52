#include "staff/staff_account.h"

#include <array>
#include <utility>

#include "core/display_text.h"

namespace sportello {
namespace {

constexpr std::array<std::pair<Role, const char*>, 5> kRoles{{
    {Role::contact_center, "contact_center"},
    {Role::office, "office"},
    {Role::back_office, "back_office"},
    {Role::patronato, "patronato"},
    {Role::admin, "admin"},
}};

}  // namespace

const char* to_string(Role role) {
  for (const auto& [r, name] : kRoles)
    if (r == role) return name;
  return "unknown";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const auto& [r, name] : kRoles)
    if (text == name) return r;
  return std::nullopt;
}

std::optional<std::string> normalise_full_name(std::string_view typed) {
  return normalise_display_text(typed, kMaxFullName);
}

}  // namespace sportello
