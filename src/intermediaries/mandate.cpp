#include "intermediaries/mandate.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sportello {
namespace {

constexpr std::array<std::pair<MandateState, const char*>, 3> kStates{{
    {MandateState::active, "active"}, {MandateState::revoked, "revoked"}, {MandateState::expired, "expired"}}};
constexpr std::array<std::pair<MandateOrigin, const char*>, 2> kOrigins{{
    {MandateOrigin::online, "online"}, {MandateOrigin::recorded, "recorded"}}};

template <typename E, std::size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& names, E value) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, const char*>, N>& names, std::string_view text) {
  for (const auto& [v, name] : names)
    if (text == name) return v;
  return std::nullopt;
}

Error not_active() { return Error::illegal("mandate-not-active", "This mandate is no longer active."); }

}  // namespace

const char* to_string(MandateState state) { return name_of(kStates, state); }
std::optional<MandateState> parse_mandate_state(std::string_view text) { return value_of(kStates, text); }
const char* to_string(MandateOrigin origin) { return name_of(kOrigins, origin); }
std::optional<MandateOrigin> parse_mandate_origin(std::string_view text) { return value_of(kOrigins, text); }

bool MandateScope::covers(ApplicationType type) const {
  return every_service || std::find(types.begin(), types.end(), type) != types.end();
}

std::string MandateScope::to_text() const {
  if (every_service) return "all";
  std::string text;
  for (ApplicationType type : types) {
    if (!text.empty()) text += ',';
    text += to_string(type);
  }
  return text;
}

std::optional<MandateScope> scope_of_types(const std::vector<ApplicationType>& types) {
  MandateScope scope;
  scope.every_service = false;
  for (ApplicationType type : kAllApplicationTypes)
    if (std::find(types.begin(), types.end(), type) != types.end()) scope.types.push_back(type);
  if (scope.types.empty()) return std::nullopt;
  return scope;
}

Result<MandateScope> scope_from_names(const std::vector<std::string>& names) {
  if (names.empty())
    return Error::invalid("mandate-scope-required", "Choose every service or at least one type of application.", "scope");
  if (names.size() == 1 && names.front() == "all") return MandateScope{};
  std::vector<ApplicationType> types;
  for (const std::string& name : names) {
    const auto type = parse_application_type(name);
    if (!type) return Error::invalid("mandate-scope-invalid", "Choose every service, or types of application only.", "scope");
    types.push_back(*type);
  }
  return *scope_of_types(types);
}

std::optional<MandateScope> parse_mandate_scope(std::string_view text) {
  if (text == "all") return MandateScope{};
  std::vector<ApplicationType> types;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto type = parse_application_type(text.substr(0, comma));
    if (!type || std::find(types.begin(), types.end(), *type) != types.end()) return std::nullopt;
    types.push_back(*type);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
    if (text.empty()) return std::nullopt;  // a trailing comma
  }
  return scope_of_types(types);
}

MandateState Mandate::state_at(Instant now) const {
  if (state == MandateState::active && rome_date(now) > ends_on) return MandateState::expired;
  return state;
}

Status Mandate::revoke(const std::string& actor, Instant now) {
  if (state_at(now) != MandateState::active) return not_active();
  state = MandateState::revoked;
  ended_at = now;
  ended_by = actor;
  return Ok{};
}

Status Mandate::expire(Instant now) {
  if (state != MandateState::active || state_at(now) != MandateState::expired) return not_active();
  state = MandateState::expired;
  ended_at = now;
  ended_by = "system";
  return Ok{};
}

Status check_mandate_end(Date ends_on, Instant now) {
  const Date today = rome_date(now);
  if (!ends_on.ok() || ends_on < today)
    return Error::invalid("mandate-end-past", "The mandate's last day cannot be before today.", "ends_on");
  if (ends_on > add_calendar_months(today, kMaxMandateMonths))
    return Error::invalid("mandate-end-too-far", "A mandate may last at most 12 months from today.", "ends_on");
  return Ok{};
}

}  // namespace sportello
