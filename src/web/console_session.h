#pragma once
// What the operators' console pages share (SPEC §1): the staff session behind its own cookie
// `__Host-sportello-staff` (so a browser may hold a citizen and a staff session at once), the sections each
// role may open, the values every console page starts from (nav, CSRF, the layout's logout), the 403 page
// for what a role may not do, and the flash message of a redirect (?esito=, a fixed list of catalogue texts:
// nothing typed is ever echoed). Roles are enforced by the flows; the section list only decides what is shown.
#include <optional>
#include <span>
#include <string>

#include "flows/actor.h"
#include "web/form.h"
#include "web/page_request.h"

namespace sportello::web {

inline constexpr const char* kStaffCookie = "__Host-sportello-staff";
inline constexpr const char* kConsoleLogin = "/operatori/accedi";
inline constexpr const char* kConsolePassword = "/operatori/password";

// The Set-Cookie value that carries a staff session (or clears it when `token` is empty).
std::string staff_cookie(const std::string& token);

struct SignedInStaff {
  SignedIn signed_in;  // session and token, for genuine_session_post
  Actor actor;         // as staff_actor() builds it: the flows check its role
};
// The live staff session of the staff cookie, or nullopt (no cookie, ended session, not staff, disabled).
std::optional<SignedInStaff> signed_in_staff(Web& web, const http::Request& request);

// True when the actor's role may use the console section at `path` ("/operatori/richieste", ...); true for
// pages outside every section (the dashboard, the password).
bool section_allowed(const Actor& actor, const std::string& path);

// Values of a console page for `who`: console, signed_in, csrf, role, the role's nav (the current page marked),
// has_sections.
PageData console_values(Web& web, const http::Request& request, const SignedInStaff& who);

// The error a flow gives a role it refuses, for pages that call no flow before the form is sent.
Error role_forbidden();
// The page for a refused or missing thing: 403 role-forbidden, 404 not found, with the reader's text.
http::Response console_problem(Web& web, const http::Request& request, const SignedInStaff& who, const Error& error);

// An outcome a redirect may announce with ?esito=NAME; its text is "console_flash_NAME".
struct Flash {
  const char* name;
  bool success;  // false: shown as a warning (e.g. already decided by a colleague)
};
// Sets "flash" (and "flash_success") to the text of ?esito= when it is one of `known`.
void put_flash(Web& web, const http::Request& request, std::span<const Flash> known, PageData& values);

// Rows like field_rows() for console-only fields, labelled by "console_field_<name>".
PageData console_field_rows(const Texts& t, Language language, std::span<const FieldSpec> shown, const Fields& typed,
                            const std::optional<Error>& error);

// Runs `then(who)` for a signed-in staff member whose password needs no change; otherwise the redirect to
// the login or to the password change.
template <typename Then>
http::Response as_staff(Web& web, const http::Request& request, Then then) {
  const auto who = signed_in_staff(web, request);
  if (!who) return redirect(request, kConsoleLogin);
  if (who->signed_in.session.required_action == RequiredAction::change_password) return redirect(request, kConsolePassword);
  return then(*who);
}

// As as_staff, for the page of a section: a role that may not use it gets the 403 page.
template <typename Then>
http::Response in_section(Web& web, const http::Request& request, Then then) {
  return as_staff(web, request, [&](const SignedInStaff& who) {
    if (!section_allowed(who.actor, request.path)) return console_problem(web, request, who, role_forbidden());
    return then(who);
  });
}

// As as_staff, for a POST: the form's fields reach `then(who, fields)` only when the form is genuine (same
// site, the session's CSRF token); otherwise the reader goes back to `page`.
template <typename Then>
http::Response as_staff_posting(Web& web, const http::Request& request, const std::string& page, Then then) {
  return as_staff(web, request, [&](const SignedInStaff& who) {
    const auto fields = form_fields(request);
    if (!fields || !genuine_session_post(request, who.signed_in, *fields)) return redirect(request, page);
    return then(who, *fields);
  });
}

// The queue of online requests (console_queue.cpp).
void add_console_queue_pages(http::Router& router, Web& web);
// Phone requests, office issuance, revocation (console_requests.cpp).
void add_console_request_pages(http::Router& router, Web& web);
// The back office's review of dispositivo conversions (console_dispositivo.cpp).
void add_console_dispositivo_pages(http::Router& router, Web& web);

}  // namespace sportello::web
