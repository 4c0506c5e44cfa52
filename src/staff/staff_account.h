#pragma once
// A staff or intermediary account (SPEC §1): a role, an Argon2id password and a TOTP second factor.
// Staff never log in with a citizen PIN; citizens see them by full name and role. Pure data plus role checks.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace sportello {

enum class Role { contact_center, office, back_office, patronato, admin };
const char* to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct StaffAccount {
  std::int64_t id = 0;
  std::string username;
  Role role = Role::contact_center;
  std::string password_hash;        // Argon2id PHC string
  std::string totp_secret_sealed;   // SecretBox-sealed raw TOTP secret
  std::int64_t totp_last_step = 0;  // refuses the replay of a code already used
  bool disabled = false;
  bool must_change_password = true;  // the one-time password from `staff add` works once, to set a new one
  Instant created_at{};
  std::string full_name;  // "Laura Verdi": how citizens see who acted on their data; empty for older accounts
  std::optional<std::int64_t> organisation_id;  // role patronato: the patronato it works for (issue 11)
};

// A display name as typed: surrounding spaces dropped, inner runs of spaces made one; nullopt when it is
// empty, longer than kMaxFullName characters or holds control characters.
inline constexpr std::size_t kMaxFullName = 80;
std::optional<std::string> normalise_full_name(std::string_view typed);

}  // namespace sportello
