#include "http/api/auth.h"

#include "core/digest.h"
#include "flows/actor.h"
#include "flows/sessions.h"
#include "http/problem.h"

namespace sportello::http {
namespace {

bool unsafe(Verb method) { return method != Verb::get && method != Verb::head && method != Verb::options; }

// The request's own origin as the browser would write it.
bool same_origin(const Request& request, bool tls) {
  const std::string expected = std::string(tls ? "https://" : "http://") + request.header(beast_http::field::host);
  const std::string origin = request.header(beast_http::field::origin);
  if (!origin.empty()) return origin == expected;
  const std::string referer = request.header(beast_http::field::referer);
  return referer == expected || referer.starts_with(expected + "/");
}

Error refused(const char* code, const char* message) { return Error{ErrorKind::forbidden, code, message, {}, {}}; }

}  // namespace

std::string csrf_token_for(const std::string& session_token) {
  return sha256_hex("sportello-csrf:" + session_token).substr(0, 43);
}

std::string session_cookie(const std::string& token) {
  // Always Secure: the __Host- prefix requires it, and browsers honour it on http://localhost too.
  std::string cookie = std::string(kSessionCookie) + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Lax";
  if (token.empty()) cookie += "; Max-Age=0";
  return cookie;
}

Result<Caller> authenticate(Api& api, const Request& request, Confinement confinement) {
  Caller caller;
  const std::string authorization = request.header(beast_http::field::authorization);
  if (authorization.starts_with("Bearer ")) {
    caller.token = authorization.substr(7);
  } else {
    caller.token = cookie_value(request.header(beast_http::field::cookie), kSessionCookie);
    caller.via_cookie = !caller.token.empty();
  }
  if (caller.token.empty()) return Error{ErrorKind::expired, "session-unknown", "Log in first.", {}, {}};
  if (caller.via_cookie && unsafe(request.raw.method())) {
    if (!same_origin(request, api.tls)) return refused("csrf-refused", "The request does not come from this site.");
    if (!constant_time_equal(request.header("X-CSRF-Token"), csrf_token_for(caller.token)))
      return refused("csrf-refused", "The request lacks this session's CSRF token.");
  }
  auto session = Sessions(api.ctx).authenticate(caller.token);
  if (!session) return session.error();
  caller.session = *session;
  if (confinement == Confinement::only_without_required_action && caller.session.required_action != RequiredAction::none)
    return refused("action-required",
                   caller.session.required_action == RequiredAction::change_password
                       ? "Change your password first."
                       : "Set or change your PIN first.");
  return caller;
}

Result<Caller> authenticate_citizen(Api& api, const Request& request) {
  auto caller = authenticate(api, request);
  if (caller && caller->session.subject_kind != SubjectKind::citizen) return citizens_only();
  return caller;
}

std::optional<Response> throttled(Api& api, const Request& request) {
  const Seconds wait = api.throttle.take(request.client_address);
  if (wait.count() == 0) return std::nullopt;
  return problem_response(HttpStatus::too_many_requests, "throttled", "Too many requests from this address; wait a little.",
                          request.raw.version(), wait);
}

std::optional<Error> costly_throttled(Api& api, const Request& request) {
  if (!api.costly) return std::nullopt;
  const Seconds wait = api.costly->take(request.client_address);
  if (wait.count() == 0) return std::nullopt;
  return Error{ErrorKind::limited, "too-many-from-address",
               "Too many PIN requests, recoveries or renewals from this address; try again later.", {}, wait};
}

void settle_costly(Api& api, const Request& request, const Status& outcome) {
  if (api.costly && !outcome && outcome.error().kind == ErrorKind::invalid_input) api.costly->refund(request.client_address);
}

}  // namespace sportello::http
