#pragma once
// What every page handler shares: the reader's language, the HTML and redirect answers, form bodies, the
// CSRF token of a form (the session's, or for anonymous forms a `__Host-` cookie echoed in a hidden field:
// double submit) and the session behind the `__Host-sportello` cookie.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "flows/sessions.h"
#include "http/message.h"
#include "web/form_fields.h"
#include "web/web.h"

namespace sportello::web {

// The status of a form sent back with its problems: 429 when an allowance is spent (issue 15: the person
// waits), 422 for what the person can mend at once.
inline http::HttpStatus form_error_status(const Error& e) {
  return e.kind == ErrorKind::limited ? http::HttpStatus::too_many_requests : http::HttpStatus::unprocessable_entity;
}

inline constexpr const char* kFormCookie = "__Host-sportello-form";
inline constexpr const char* kLanguageCookie = "lang";

Language language_of(const http::Request& request);

http::Response html(const http::Request& request, http::HttpStatus status, std::string body);
// Page `name` for the reader (with the request's path for the language switch); a language chosen with
// ?lang= is remembered in a cookie.
http::Response render_page(Web& web, const http::Request& request, const std::string& name, PageData values,
                           http::HttpStatus status = http::HttpStatus::ok);
http::Response redirect(const http::Request& request, const std::string& location);

// The page a login returns to: `wanted` when it is a path of this site ("/area-riservata/cu?anno=2025"),
// else "" (an address with a scheme, "//host", a backslash or a control character would be an open
// redirect; /accedi itself would loop; a link arrives percent-encoded, so a space or a
// non-ASCII byte means a forged one).
std::string safe_return_path(std::string_view wanted);
// Sends a reader who must log in first to /accedi?torna=<this page> (GET; other methods to /accedi), so
// that the login comes back here.
http::Response redirect_to_login(const http::Request& request);

// The anonymous form token: the cookie's value when the reader has one, else a new one that `response`
// must set with form_cookie().
std::string form_token(const http::Request& request);
std::string form_cookie(const std::string& token);
// Page `name` with an anonymous form: {{csrf}} is the reader's form token, set as a cookie when new.
http::Response anonymous_form_page(Web& web, const http::Request& request, const std::string& name, PageData values,
                                   http::HttpStatus status = http::HttpStatus::ok);
// A POST of an anonymous form is genuine when it comes from this site and echoes its cookie.
bool genuine_anonymous_post(const http::Request& request, const std::map<std::string, std::string>& fields);

struct SignedIn {
  Session session;
  std::string token;
};
// The live citizen session of the citizen's cookie, or nullopt (none, ended, or not a citizen's).
std::optional<SignedIn> signed_in(Web& web, const http::Request& request);
// A citizen's live session without a required action: what the reserved area's own pages need.
std::optional<SignedIn> signed_in_holder(Web& web, const http::Request& request);
// The values every signed-in page starts from: signed_in and the session's CSRF token.
PageData signed_in_values(const SignedIn& who);
// A reserved-area page's values: signed_in_values and the breadcrumb (templates/_app_breadcrumb.mustache):
// the reserved area, then `parent` when given, then `title` (crumbs, crumb).
struct Crumb {
  std::string href;
  std::string text;
};
PageData reserved_page_values(const SignedIn& who, const std::string& title, const std::optional<Crumb>& parent = std::nullopt);
// A POST of a signed-in form is genuine when it comes from this site and carries the session's token.
bool genuine_session_post(const http::Request& request, const SignedIn& who, const std::map<std::string, std::string>& fields);

}  // namespace sportello::web
