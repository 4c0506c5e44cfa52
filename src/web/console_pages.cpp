// The operators' console (SPEC §1): staff login with username, password and TOTP (/operatori/accedi), the
// password change a one-time password leads to (/operatori/password), the dashboard with the sections the
// role may use (/operatori) and logging out (/operatori/esci). A wrong username, password or code gets one
// message whatever was wrong; the staff session travels in its own cookie (console_session.h).
#include "flows/profile.h"
#include "flows/staff_accounts.h"
#include "http/api/auth.h"
#include "web/console_session.h"
#include "web/form.h"
#include "web/page_request.h"
#include "web/refused_pin.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr Flash kDashboardFlashes[] = {{"password-cambiata", true}};

Response login_page(Web& web, Request& r, const std::string& username, const std::string& error, http::HttpStatus status) {
  PageData values{PageData::type::object};
  values.set("username", username);
  if (!error.empty()) values.set("error", error);
  return anonymous_form_page(web, r, "console_login", values, status);
}

Response login_page(Web& web, Request& r, const std::string& username, const char* error_key, http::HttpStatus status) {
  return login_page(web, r, username, error_key ? web.pages.texts().get(language_of(r), error_key) : std::string(), status);
}

// A refused login: one message whatever was wrong, with the wait that the failure started (issue 15).
std::string refused_login_text(Web& web, const Request& r, const Error& e) {
  const Texts& t = web.pages.texts();
  const Language language = language_of(r);
  const Instant now = web.api.ctx.clock.now();
  if (e.code == "account-disabled" || e.code == "organisation-disabled" || e.code == "staff-locked")
    return t.get(language, "error_" + e.code);
  if (e.retry_after <= Seconds{0}) return t.get(language, "error_wrong-credentials");
  return wait_text(t, language, e.code == "blocked" ? "console_blocked_wait" : "console_wrong_wait", e.retry_after, now);
}

Response staff_login_form(Web& web, Request& r) {
  if (signed_in_staff(web, r)) return redirect(r, "/operatori");
  return login_page(web, r, "", nullptr, http::HttpStatus::ok);
}

Response staff_login(Web& web, Request& r) {
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields))
    return login_page(web, r, "", "error_form_expired", http::HttpStatus::forbidden);
  const std::string username = value_of(*fields, "username");
  if (http::throttled(web.api, r)) return login_page(web, r, username, "error_throttled", http::HttpStatus::too_many_requests);
  auto opened = StaffAccounts(web.api.ctx).login({username, Secret(value_of(*fields, "password")), value_of(*fields, "totp")});
  // account-disabled (and organisation-disabled) is told only after every factor was right.
  if (!opened) return login_page(web, r, username, refused_login_text(web, r, opened.error()), http::HttpStatus::ok);
  const bool must_change = opened->session.required_action == RequiredAction::change_password;
  Response response = redirect(r, must_change ? kConsolePassword : "/operatori");
  response.set(http::beast_http::field::set_cookie, staff_cookie(opened->token));
  return response;
}

Response dashboard(Web& web, Request& r) {
  return as_staff(web, r, [&](const SignedInStaff& who) {
    auto profile = Profile(web.api.ctx).staff(who.signed_in.session);
    if (!profile) return console_problem(web, r, who, profile.error());
    PageData values = console_values(web, r, who);
    values.set("username", profile->username);
    put_flash(web, r, kDashboardFlashes, values);
    return render_page(web, r, "console_dashboard", values);
  });
}

// The password page, with `text` next to `field` (or on top when `field` is not one of its fields); a
// session opened with a one-time password may reach nothing else.
Response password_page(Web& web, Request& r, const SignedInStaff& who, const std::string& field = "",
                       const std::string& text = "", http::HttpStatus status = http::HttpStatus::ok) {
  PageData values = console_values(web, r, who);
  values.set("forced", who.signed_in.session.required_action == RequiredAction::change_password);
  values.set("min_length", std::to_string(web.api.ctx.policies.staff_password_min_length));
  const bool by_field = field == "current_password" || field == "new_password" || field == "confirm_password";
  if (!text.empty()) values.set(by_field ? field + "_error" : std::string("error"), text);
  return render_page(web, r, "console_password", values, status);
}

Response password_form(Web& web, Request& r) {
  const auto who = signed_in_staff(web, r);
  if (!who) return redirect(r, kConsoleLogin);
  return password_page(web, r, *who);
}

Response change_password(Web& web, Request& r) {
  const Language language = language_of(r);
  const auto who = signed_in_staff(web, r);
  if (!who) return redirect(r, kConsoleLogin);
  const auto fields = form_fields(r);
  if (!fields || !genuine_session_post(r, who->signed_in, *fields)) return redirect(r, kConsolePassword);
  if (value_of(*fields, "new_password") != value_of(*fields, "confirm_password"))
    return password_page(web, r, *who, "confirm_password", web.pages.texts().get(language, "console_password_mismatch"),
                         http::HttpStatus::unprocessable_entity);
  auto changed = StaffAccounts(web.api.ctx)
                     .change_password(who->signed_in.session, Secret(value_of(*fields, "current_password")),
                                      Secret(value_of(*fields, "new_password")));
  if (!changed)
    return password_page(web, r, *who, changed.error().field, error_text(web.pages.texts(), language, changed.error()),
                         http::HttpStatus::unprocessable_entity);
  return redirect(r, "/operatori?esito=password-cambiata");
}

Response staff_logout(Web& web, Request& r) {
  if (const auto who = signed_in_staff(web, r)) {
    const auto fields = form_fields(r);
    if (!fields || !genuine_session_post(r, who->signed_in, *fields)) return redirect(r, "/operatori");
    (void)Sessions(web.api.ctx).logout(who->signed_in.token);
  }
  Response response = redirect(r, kConsoleLogin);
  response.set(http::beast_http::field::set_cookie, staff_cookie(""));
  return response;
}

}  // namespace

void add_console_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, kConsoleLogin, [&web](Request& r) { return staff_login_form(web, r); }});
  router.add({Verb::post, kConsoleLogin, [&web](Request& r) { return staff_login(web, r); }, true});
  router.add({Verb::get, kConsolePassword, [&web](Request& r) { return password_form(web, r); }});
  router.add({Verb::post, kConsolePassword, [&web](Request& r) { return change_password(web, r); }, true});
  router.add({Verb::get, "/operatori", [&web](Request& r) { return dashboard(web, r); }});
  router.add({Verb::post, "/operatori/esci", [&web](Request& r) { return staff_logout(web, r); }});
  add_console_queue_pages(router, web);
  add_console_request_pages(router, web);
  add_console_dispositivo_pages(router, web);
}

}  // namespace sportello::web
