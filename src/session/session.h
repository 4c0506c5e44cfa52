#pragma once
// A logged-in session (issue 2): created by login, carrying the level and any required action, ended by
// logout, revocation, or the idle and absolute time-outs. Only the SHA-256 of the bearer token is kept.
// Pure data plus the time-out rule.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "credential/credential.h"
#include "credential/level.h"

namespace sportello {

enum class SubjectKind { citizen, staff };
const char* to_string(SubjectKind kind);
std::optional<SubjectKind> parse_subject_kind(std::string_view text);

struct SessionPolicy {
  Seconds idle_timeout = Minutes{15};
  Seconds absolute_timeout = Hours{8};
};

struct Session {
  std::int64_t id = 0;
  std::string token_hash;
  SubjectKind subject_kind = SubjectKind::citizen;
  std::int64_t subject_id = 0;
  Level level = Level::ordinario;          // citizens only
  RequiredAction required_action = RequiredAction::none;
  std::string role;                        // staff only
  // How the subject entered (issue 12): "" with their own credential (a citizen's PIN, staff's password and
  // code), else "spid", "cie" or "cns"; `provider` names the identity provider (its entityID) or the card's issuer.
  std::string method;
  std::string provider;
  std::string name_id;                     // SPID/CIE: the IdP's transient NameID, for single logout
  std::string session_index;               // SPID/CIE: the IdP's SessionIndex
  Instant created_at{};
  Instant last_seen_at{};
  std::optional<Instant> ended_at;
  std::string end_reason;                  // logout, revoked, idle, absolute, pin-changed

  // Ok when the session may serve a request at `now`; else session-ended / session-idle / session-expired.
  Status check_alive(Instant now, const SessionPolicy& policy) const;
  // Whether `now` should be recorded as the last activity. Activity is recorded at most once a minute
  // (a tenth of the idle time-out when shorter), so most requests only read; the idle time-out may
  // therefore fall up to that much early.
  bool needs_touch(Instant now, const SessionPolicy& policy) const;
};

}  // namespace sportello
