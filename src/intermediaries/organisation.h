#pragma once
// A patronato (SPEC §6): an organisation with a code, a name and the offices where citizens meet it. Its
// operators are staff accounts of role `patronato` bound to it (StaffAccount::organisation_id); they act only
// for citizens who gave it a mandate. Disabling an organisation ends its operators' sessions and refuses
// their logins until it is enabled again. Pure data plus the rules for what an administrator types.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace sportello {

struct Organisation {
  std::int64_t id = 0;
  std::string code;                  // "INCA": what operators and the CLI name it by; unique
  std::string name;                  // "Patronato INCA CGIL": what citizens see
  std::vector<std::string> offices;  // "Roma, via dei Frentani 4": one line each, in the order given
  bool disabled = false;
  Instant created_at{};
};

// A code as typed, made upper case: 2 to 16 of A-Z, 0-9 and '-', starting with a letter; nullopt otherwise.
inline constexpr std::size_t kMaxOrganisationCode = 16;
std::optional<std::string> normalise_organisation_code(std::string_view typed);

// A name or an office as typed: surrounding spaces dropped, inner runs made one; nullopt when empty, longer
// than kMaxOrganisationText characters or holding control characters (a line break included).
inline constexpr std::size_t kMaxOrganisationText = 120;
std::optional<std::string> normalise_organisation_text(std::string_view typed);

inline constexpr std::size_t kMaxOffices = 50;

}  // namespace sportello
