#include "session/session.h"

#include <algorithm>

namespace sportello {

const char* to_string(SubjectKind kind) { return kind == SubjectKind::staff ? "staff" : "citizen"; }

std::optional<SubjectKind> parse_subject_kind(std::string_view text) {
  if (text == "citizen") return SubjectKind::citizen;
  if (text == "staff") return SubjectKind::staff;
  return std::nullopt;
}

Status Session::check_alive(Instant now, const SessionPolicy& policy) const {
  if (ended_at) return Error{ErrorKind::expired, "session-ended", "The session has ended; log in again.", {}, {}};
  if (now >= created_at + policy.absolute_timeout)
    return Error{ErrorKind::expired, "session-expired", "The session reached its maximum length; log in again.", {}, {}};
  if (now >= last_seen_at + policy.idle_timeout)
    return Error{ErrorKind::expired, "session-idle", "The session ended after a period of inactivity; log in again.", {}, {}};
  return Ok{};
}

bool Session::needs_touch(Instant now, const SessionPolicy& policy) const {
  const Seconds granularity = std::min<Seconds>(Seconds{60}, policy.idle_timeout / 10);
  return now - last_seen_at >= granularity;
}

}  // namespace sportello
