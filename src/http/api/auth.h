#pragma once
// Who is calling: the session behind `Authorization: Bearer TOKEN` (API clients) or the
// `__Host-sportello` cookie (browsers). Cookie-authenticated unsafe requests must come from the same origin
// (Origin, or Referer when Origin is absent) and carry the session's CSRF token in X-CSRF-Token. A session
// with a required action may only reach the endpoints that perform it (and /me, logout).
#include <string>

#include "http/api/api.h"
#include "http/cookie.h"
#include "http/message.h"

namespace sportello::http {

inline constexpr const char* kSessionCookie = "__Host-sportello";

struct Caller {
  Session session;
  std::string token;
  bool via_cookie = false;
};

enum class Confinement { only_without_required_action, also_with_required_action };

// Errors: session-unknown/-idle/-expired/-ended (401), csrf-refused (403), action-required (403).
Result<Caller> authenticate(Api& api, const Request& request,
                            Confinement confinement = Confinement::only_without_required_action);

// As above for a citizen's own routes: any other session (staff) is refused (citizens-only, 403) before the
// body is read, so the refusal is told whatever was sent. The flows check again: this only answers first.
Result<Caller> authenticate_citizen(Api& api, const Request& request);

// The CSRF token of a session: derived from its token, so nothing more is stored.
std::string csrf_token_for(const std::string& session_token);

// The Set-Cookie value that carries a session (or clears it when `token` is empty).
std::string session_cookie(const std::string& token);

// 429 with Retry-After when the caller's address has spent its tokens; nullopt when it may go on.
std::optional<Response> throttled(Api& api, const Request& request);

// The per-address allowance of the actions that cost the institute messages, letters and calls (PIN
// requests, recoveries, renewals; issue 15): the error too-many-from-address (limited: 429 with Retry-After)
// when spent. After the flow, `settle` gives the use back when the flow refused the input as malformed (a
// typo costs nothing).
std::optional<Error> costly_throttled(Api& api, const Request& request);
void settle_costly(Api& api, const Request& request, const Status& outcome);

}  // namespace sportello::http
