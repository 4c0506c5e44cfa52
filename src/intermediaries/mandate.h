#pragma once
// A citizen's mandate to a patronato (SPEC §6, issue 11): what the organisation's operators may do for the
// citizen, and until when. Granted online by the citizen, or recorded by the patronato with the signed form
// (a PDF kept with it); either way it is active at once and moves only
//   active -> revoked   (by the citizen, at any time; or by the patronato that recorded it)
//   active -> expired   (the day after its last day, in Europe/Rome: calendar arithmetic, SPEC §10)
// Its scope is every service, or chosen application types. Under any active mandate the operators may read the
// citizen's personal data; they may read the contribution record only under "every service", and the
// applications (read, file, follow) of the types the scope covers. Pure data plus the rules.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_time.h"
#include "core/clock.h"
#include "core/result.h"
#include "services/application_type.h"

namespace sportello {

enum class MandateState { active, revoked, expired };
const char* to_string(MandateState state);  // "active", "revoked", "expired"
std::optional<MandateState> parse_mandate_state(std::string_view text);

enum class MandateOrigin {
  online,    // granted by the citizen in the reserved area
  recorded,  // recorded by a patronato operator with the signed mandate uploaded
};
const char* to_string(MandateOrigin origin);  // "online", "recorded"
std::optional<MandateOrigin> parse_mandate_origin(std::string_view text);

struct MandateScope {
  bool every_service = true;
  std::vector<ApplicationType> types;  // when not every_service: at least one, no repeats, in the order of kAllApplicationTypes

  bool covers(ApplicationType type) const;
  bool covers_records() const { return every_service; }
  // "all" or the types' names joined by ','; parse_mandate_scope reads it back (nullopt when malformed,
  // empty or naming a type twice).
  std::string to_text() const;
};
std::optional<MandateScope> parse_mandate_scope(std::string_view text);
// A scope of the chosen types (any order, repeats dropped); nullopt when none is chosen.
std::optional<MandateScope> scope_of_types(const std::vector<ApplicationType>& types);
// A scope as a form or a client names it: "all" alone, or application types' names. Errors (invalid_input,
// field "scope"): mandate-scope-required (nothing chosen), mandate-scope-invalid (an unknown name, or "all"
// with types).
Result<MandateScope> scope_from_names(const std::vector<std::string>& names);

struct Mandate {
  std::int64_t id = 0;
  std::int64_t citizen_id = 0;
  std::int64_t organisation_id = 0;
  MandateOrigin origin = MandateOrigin::online;
  MandateScope scope;
  Date starts_on{};                 // the Rome date it was granted or recorded
  Date ends_on{};                   // its last day, included
  MandateState state = MandateState::active;  // as stored; see state_at for the state at an instant
  Instant created_at{};
  std::string created_by;           // "citizen:<id>" or "staff:<username>"
  std::optional<Instant> ended_at;  // revoked or marked expired
  std::string ended_by;             // "citizen:<id>", "staff:<username>", "system" (expiry)
  std::string document_sha256;      // recorded mandates: the signed form's SHA-256 (hex)

  // The state at `now`: an active mandate whose last day has passed in Rome is expired, even before the
  // periodic sweep stores it.
  MandateState state_at(Instant now) const;
  bool active_at(Instant now) const { return state_at(now) == MandateState::active; }
  // Errors (illegal_transition): mandate-not-active.
  Status revoke(const std::string& actor, Instant now);
  // The sweep: stores `expired` for a mandate past its last day. Errors: mandate-not-active (not active or
  // not yet past its last day).
  Status expire(Instant now);
};

// Longest a mandate may last: its last day at most this many calendar months after today (Rome).
inline constexpr int kMaxMandateMonths = 12;

// Checks a mandate's last day chosen at `now`: not before today, at most kMaxMandateMonths calendar months
// ahead (31 January + 12 months = 31 January next year; 29 February + 12 months = 28 February).
// Errors (invalid_input, field "ends_on"): mandate-end-past, mandate-end-too-far.
Status check_mandate_end(Date ends_on, Instant now);

}  // namespace sportello
