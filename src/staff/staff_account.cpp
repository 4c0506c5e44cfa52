#include "staff/staff_account.h"

#include <array>
#include <utility>

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
  std::string name;
  std::size_t characters = 0;
  bool space = false;
  for (const char c : typed) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == ' ' || c == '\t') {
      space = !name.empty();
      continue;
    }
    if (byte < 0x20 || byte == 0x7f) return std::nullopt;
    if (space) {
      name += ' ';
      ++characters;
      space = false;
    }
    name += c;
    if ((byte & 0xC0) != 0x80) ++characters;  // a UTF-8 continuation byte is part of the character before it
  }
  if (name.empty() || characters > kMaxFullName) return std::nullopt;
  return name;
}

}  // namespace sportello
