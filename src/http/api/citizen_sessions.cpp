// POST /sessions (login with the PIN), POST /sessions/cns (with the card, issue 12), GET /me, DELETE /sessions/current.
#include "core/civil_time.h"
#include "flows/federation/cns_login.h"
#include "flows/login.h"
#include "flows/profile.h"
#include "http/api/api.h"
#include "http/api/auth.h"
#include "http/api/ready_body.h"
#include "http/api/respond.h"
#include "http/encoded_body.h"
#include "http/json_body.h"

namespace sportello::http {
namespace {

boost::json::object session_json(const OpenedSession& opened) {
  return {{"token", opened.token},
          {"csrf_token", csrf_token_for(opened.token)},
          {"level", to_string(opened.session.level)},
          {"required_action", to_string(opened.session.required_action)}};
}

Response login(Api& api, Request& r) {
  if (auto limited = throttled(api, r)) return *limited;
  Response problem;
  auto body = JsonBody::parse(r, problem);
  if (!body) return problem;
  LoginInput input{body->text("codice_fiscale"), Secret(body->text("pin"))};
  if (body->type_problem()) return *body->type_problem();
  auto opened = Login(api.ctx).run(input);
  if (!opened) {
    api.metrics.login(opened.error().code == "blocked" ? "blocked" : "wrong");
    return reply(r, opened.error());
  }
  api.metrics.login("ok");
  Response response = reply(r, HttpStatus::created, session_json(*opened));
  response.set(beast_http::field::set_cookie, session_cookie(opened->token));
  return response;
}

// POST /sessions/cns (issue 12): on the CNS listener, the card its handshake read opens the session; elsewhere 404.
Response cns_login(Api& api, Request& r) {
  if (r.client_certificate == nullptr)
    return reply(r, Error{ErrorKind::not_found, "cns-not-here", "CNS login is answered on the CNS listener only.", "", {}});
  auto opened = CnsLogin(api.ctx).run({r.client_certificate->der, r.client_certificate->verified});
  if (!opened) return reply(r, opened.error());
  api.metrics.login("ok");
  Response response = reply(r, HttpStatus::created, session_json(*opened));
  response.set(beast_http::field::set_cookie, session_cookie(opened->token));
  return response;
}

boost::json::object contacts_json(const Contacts& c) {
  boost::json::object out;
  for (ContactKind kind : c.present()) out[to_string(kind)] = c.get(kind);
  return out;
}

Response me(Api& api, Request& r) {
  auto caller = authenticate(api, r, Confinement::also_with_required_action);
  if (!caller) return reply(r, caller.error());
  if (caller->session.subject_kind == SubjectKind::staff) {
    auto staff = Profile(api.ctx).staff(caller->session);
    if (!staff) return reply(r, staff.error());
    return reply(r, HttpStatus::ok, {{"kind", "staff"}, {"username", staff->username}, {"role", to_string(staff->role)},
                                 {"required_action", to_string(caller->session.required_action)}});
  }
  // The answer is kept ready per session, like the records' (issue 16: /me is the hottest read). It changes
  // only with a write, and this process's writes empty the cache at once, other processes' within its ttl.
  auto ready = ready_body(api, "me:" + std::to_string(caller->session.id), [&]() -> Result<ReadyBody> {
    auto profile = Profile(api.ctx).citizen(caller->session);
    if (!profile) return profile.error();
    const Citizen& c = profile->citizen;
    boost::json::object body{{"kind", "citizen"},
                             {"codice_fiscale", c.codice_fiscale},
                             {"surname", c.data.surname},
                             {"name", c.data.name},
                             // Without a PIN (SPID, CIE, CNS only): the session's level, and pin_state "none".
                             {"level", to_string(profile->credential ? profile->credential->level : caller->session.level)},
                             {"pin_state", profile->credential ? to_string(profile->credential->state) : "none"},
                             {"required_action", to_string(caller->session.required_action)},
                             {"contacts", contacts_json(c.contacts)}};
    if (profile->pin_change_due) body["pin_change_due"] = format_utc_iso(*profile->pin_change_due);
    if (profile->pin_expires) body["pin_expires"] = format_utc_iso(*profile->pin_expires);
    return encode_body(boost::json::serialize(body), "application/json");
  });
  if (!ready) return reply(r, ready.error());
  // Not respond_with: /me keeps the site's Cache-Control: no-store and its plain JSON.
  return json_response(HttpStatus::ok, (*ready)->identity, r.raw.version());
}

// "Chi ha consultato i tuoi dati" (issue 11): every access and action on the citizen's data, newest first.
Response accesses(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  auto rows = Profile(api.ctx).accesses(caller->session, 200);
  if (!rows) return reply(r, rows.error());
  static constexpr const char* kKinds[] = {"holder", "staff", "operator", "system"};
  boost::json::array out;
  for (const Access& a : *rows) {
    boost::json::object by{{"kind", kKinds[static_cast<int>(a.by.kind)]}};
    if (!a.by.full_name.empty()) by["full_name"] = a.by.full_name;
    if (a.by.role) by["role"] = to_string(*a.by.role);
    if (!a.by.organisation.empty()) by["organisation"] = a.by.organisation;
    boost::json::object row{{"at", format_utc_iso(a.at)}, {"action", a.action}, {"by", by}};
    if (a.mandate_id) row["mandate_id"] = *a.mandate_id;
    if (a.during_call) row["during_call"] = true;
    if (!a.protocol.empty()) row["protocol"] = a.protocol;
    out.push_back(row);
  }
  return reply(r, HttpStatus::ok, {{"accesses", out}});
}

Response logout(Api& api, Request& r) {
  auto caller = authenticate(api, r, Confinement::also_with_required_action);
  if (!caller) return reply(r, caller.error());
  if (auto done = Sessions(api.ctx).logout(caller->token); !done) return reply(r, done.error());
  Response response = no_content(r);
  if (caller->via_cookie) response.set(beast_http::field::set_cookie, session_cookie(""));
  return response;
}

}  // namespace

void add_citizen_session_routes(Router& router, Api& api) {
  const std::string base = kApi;
  router.add({Verb::post, base + "/sessions", [&api](Request& r) { return login(api, r); }, true});
  router.add({Verb::post, base + "/sessions/cns", [&api](Request& r) { return cns_login(api, r); }});
  router.add({Verb::get, base + "/me", [&api](Request& r) { return me(api, r); }});
  router.add({Verb::get, base + "/me/accesses", [&api](Request& r) { return accesses(api, r); }});
  router.add({Verb::delete_, base + "/sessions/current", [&api](Request& r) { return logout(api, r); }});
}

}  // namespace sportello::http
