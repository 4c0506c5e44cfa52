#include "flows/sessions.h"

#include <optional>

#include "core/digest.h"
#include "core/random.h"

namespace sportello {
namespace {

Error unknown_session() {
  return Error{ErrorKind::expired, "session-unknown", "Not logged in, or the session has ended.", {}, {}};
}

std::string reason_for(const Error& e) {
  if (e.code == "session-idle") return "idle";
  if (e.code == "session-expired") return "absolute";
  return "ended";
}

}  // namespace

OpenedSession open_session(Repositories& repos, Session draft, Instant now) {
  OpenedSession opened{std::move(draft), random_token()};
  opened.session.token_hash = sha256_hex(opened.token);
  opened.session.created_at = now;
  opened.session.last_seen_at = now;
  opened.session.id = repos.sessions().insert(opened.session);
  return opened;
}

Result<Session> Sessions::authenticate(const std::string& token) {
  const Instant now = ctx_.clock.now();
  Session found;
  std::optional<Error> ended_because;
  Status status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto session = repos.sessions().find_by_token_hash(sha256_hex(token));
    if (!session) return unknown_session();
    if (auto alive = session->check_alive(now, ctx_.policies.session); !alive) {
      if (!session->ended_at) repos.sessions().end(session->id, reason_for(alive.error()), now);
      ended_because = alive.error();
      return Ok{};  // commit the ending, then report it
    }
    repos.sessions().touch(session->id, now);
    session->last_seen_at = now;
    found = *session;
    return Ok{};
  });
  if (!status) return status.error();
  if (ended_because) return *ended_because;
  return found;
}

Status Sessions::logout(const std::string& token) {
  const Instant now = ctx_.clock.now();
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto session = repos.sessions().find_by_token_hash(sha256_hex(token));
    if (!session || session->ended_at) return unknown_session();
    repos.sessions().end(session->id, "logout", now);
    repos.audit().append(std::string(to_string(session->subject_kind)) + ":" + std::to_string(session->subject_id),
                         "session.logout", "", "", now);
    return Ok{};
  });
}

}  // namespace sportello
