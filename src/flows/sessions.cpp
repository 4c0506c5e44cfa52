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
  const std::string token_hash = sha256_hex(token);
  std::optional<Session> session;
  if (ctx_.caches) session = ctx_.caches->sessions.find(token_hash, ctx_.store.generation(), now);
  if (!session) {
    const std::uint64_t generation = ctx_.store.generation();
    Status read = ctx_.store.read([&](Repositories& repos) -> Status {
      session = repos.sessions().find_by_token_hash(token_hash);
      return Ok{};
    });
    if (!read) return read.error();
    if (session && ctx_.caches) ctx_.caches->sessions.put(token_hash, *session, generation, now);
  }
  if (!session) return unknown_session();
  auto alive = session->check_alive(now, ctx_.policies.session);
  if (!alive && session->ended_at) return alive.error();
  if (alive && !session->needs_touch(now, ctx_.policies.session)) return *session;
  // Either record the activity or end the session that just timed out: a write, rarely.
  Status write = ctx_.store.run([&](Repositories& repos) -> Status {
    if (alive) repos.sessions().touch(session->id, now);
    else repos.sessions().end(session->id, reason_for(alive.error()), now);
    return Ok{};
  });
  if (!write) return write.error();
  if (!alive) return alive.error();
  session->last_seen_at = now;
  return *session;
}

Result<Session> Sessions::close(const std::string& token) {
  const Instant now = ctx_.clock.now();
  std::optional<Session> closed;
  Status done = ctx_.store.run([&](Repositories& repos) -> Status {
    closed = repos.sessions().find_by_token_hash(sha256_hex(token));
    if (!closed || closed->ended_at) return unknown_session();
    repos.sessions().end(closed->id, "logout", now);
    repos.audit().append(std::string(to_string(closed->subject_kind)) + ":" + std::to_string(closed->subject_id),
                         "session.logout", "", "", now);
    return Ok{};
  });
  if (!done) return done.error();
  return std::move(*closed);
}

Status Sessions::logout(const std::string& token) {
  auto closed = close(token);
  if (!closed) return closed.error();
  return Ok{};
}

}  // namespace sportello
