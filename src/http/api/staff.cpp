// Staff sessions: POST /staff/sessions (username, password, TOTP), POST /staff/password.
#include "flows/staff_accounts.h"
#include "http/api/api.h"
#include "http/api/auth.h"
#include "http/api/respond.h"
#include "http/json_body.h"

namespace sportello::http {
namespace {

Response staff_login(Api& api, Request& r) {
  if (auto limited = throttled(api, r)) return *limited;
  Response problem;
  auto body = JsonBody::parse(r, problem);
  if (!body) return problem;
  StaffLoginInput input{body->text("username"), Secret(body->text("password")), body->text("totp")};
  if (body->type_problem()) return *body->type_problem();
  auto opened = StaffAccounts(api.ctx).login(input);
  if (!opened) return reply(r, opened.error());
  Response response = reply(r, HttpStatus::created, {{"token", opened->token},
                                                 {"csrf_token", csrf_token_for(opened->token)},
                                                 {"role", opened->session.role},
                                                 {"required_action", to_string(opened->session.required_action)}});
  response.set(beast_http::field::set_cookie, session_cookie(opened->token));
  return response;
}

Response change_password(Api& api, Request& r) {
  auto caller = authenticate(api, r, Confinement::also_with_required_action);
  if (!caller) return reply(r, caller.error());
  Response problem;
  auto body = JsonBody::parse(r, problem);
  if (!body) return problem;
  const Secret current(body->text("current_password")), next(body->text("new_password"));
  if (body->type_problem()) return *body->type_problem();
  auto done = StaffAccounts(api.ctx).change_password(caller->session, current, next);
  return done ? reply(r, HttpStatus::ok, {{"status", "password-changed"}}) : reply(r, done.error());
}

}  // namespace

void add_staff_routes(Router& router, Api& api) {
  const std::string base = kApi;
  router.add({Verb::post, base + "/staff/sessions", [&api](Request& r) { return staff_login(api, r); }, true});
  router.add({Verb::post, base + "/staff/password", [&api](Request& r) { return change_password(api, r); }, true});
}

}  // namespace sportello::http
