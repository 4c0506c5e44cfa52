// "Deleghe ai patronati" (SPEC §6, issue 11): /area-riservata/deleghe lists the holder's mandates, the active ones
// first, each with what the patronato may do and until when; /area-riservata/deleghe/nuova grants one (the
// patronato, every service or chosen application types, the last day: at most 12 months ahead), every problem
// shown at once next to its field; /area-riservata/deleghe/{id}/revoca asks, then revokes; a mandate recorded by
// the patronato offers its signed form (/area-riservata/deleghe/{id}/modulo.pdf). Every mandate is reached
// through the session's holder (flows/intermediaries/mandates.h), never by an id alone.
#include <algorithm>

#include "core/civil_time.h"
#include "core/typed_date.h"
#include "flows/intermediaries/mandates.h"
#include "http/api/respond.h"
#include "http/file_response.h"
#include "web/applications_pages.h"
#include "web/form.h"
#include "web/form_fields.h"
#include "web/mandate_format.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr const char* kMandatesPath = "/area-riservata/deleghe";
constexpr const char* kNewPath = "/area-riservata/deleghe/nuova";
// The scope's radio: every service, or the application types ticked ("tipo_<type>").
constexpr const char* kScopeAll = "tutti";
constexpr const char* kScopeSome = "alcuni";

std::string own_mandate_path(std::int64_t id) { return std::string(kMandatesPath) + "/" + std::to_string(id); }
std::string type_field(ApplicationType type) { return std::string("tipo_") + to_string(type); }

// The page's values with the breadcrumb: the reserved area, then the list unless this is it.
PageData mandate_values(const SignedIn& who, const ApplicationsText& text, const std::string& title, bool in_list) {
  PageData values = reserved_page_values(who, title, in_list ? std::nullopt
                                                             : std::optional<Crumb>(Crumb{kMandatesPath, text("mandates_title")}));
  values.set("title", title);
  return values;
}

PageData mandate_row(const ApplicationsText& text, const CitizenMandate& m) {
  PageData row{PageData::type::object};
  const Mandate& mandate = m.mandate;
  row.set("id", std::to_string(mandate.id));
  row.set("patronato", m.organisation_name);
  row.set("scope", mandate_scope_text(text, mandate.scope, "mandates_scope_every_service"));
  row.set("starts_on", format_date(mandate.starts_on, text.language()));
  row.set("ends_on", format_date(mandate.ends_on, text.language()));
  row.set("state", text(std::string("mandates_state_") + to_string(m.state)));
  row.set("badge", mandate_state_badge(m.state));
  row.set("origin", text(std::string("mandates_origin_") + to_string(mandate.origin)));
  row.set("active", m.state == MandateState::active);
  if (mandate.ended_at) row.set("ended_at", format_date(rome_date(*mandate.ended_at), text.language()));
  row.set("revoke_href", own_mandate_path(mandate.id) + "/revoca");
  if (mandate.origin == MandateOrigin::recorded) row.set("form_href", own_mandate_path(mandate.id) + "/modulo.pdf");
  return row;
}

// The layout's page for a failure to read: 404 for a mandate that is not the holder's, 503 otherwise.
Response problem_page(Web& web, const Request& r, const SignedIn& who, const Error& error) {
  const ApplicationsText text(web.pages.texts(), language_of(r));
  const bool missing = error.kind == ErrorKind::not_found;
  PageData values = mandate_values(who, text, text(missing ? "mandates_not_found_title" : "mandates_unavailable_title"), false);
  values.set("message", text(missing ? "mandates_not_found_text" : "mandates_unavailable_text"));
  return render_page(web, r, "mandates_problem", values,
                     missing ? http::HttpStatus::not_found : http::HttpStatus::service_unavailable);
}

Response mandate_list(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const ApplicationsText text(web.pages.texts(), language_of(r));
  auto mandates = Mandates(web.api.ctx).of_citizen(who->session);
  if (!mandates) return problem_page(web, r, *who, mandates.error());
  PageData values = mandate_values(*who, text, text("mandates_title"), true);
  PageData active{PageData::type::list}, ended{PageData::type::list};
  bool any_active = false, any_ended = false;
  for (const CitizenMandate& m : *mandates) {
    const bool is_active = m.state == MandateState::active;
    (is_active ? any_active : any_ended) = true;
    (is_active ? active : ended).push_back(mandate_row(text, m));
  }
  values.set("active_mandates", active);
  values.set("ended_mandates", ended);
  values.set("has_active", any_active);
  values.set("has_ended", any_ended);
  const auto outcome = r.query.find("esito");
  if (outcome != r.query.end() && (outcome->second == "conferita" || outcome->second == "revocata"))
    values.set("flash", text("mandates_flash_" + outcome->second));
  return render_page(web, r, "mandates_list", values);
}

// What the grant form holds: the patronato's code, the scope's choice and ticks, the last day as typed.
struct GrantForm {
  std::string organisation;
  std::string scope;  // kScopeAll, kScopeSome or empty
  std::vector<ApplicationType> types;
  std::string ends_on;
};

GrantForm grant_form_of(const Fields& fields) {
  GrantForm form{value_of(fields, "patronato"), value_of(fields, "ambito"), {}, value_of(fields, "ultimo_giorno")};
  for (ApplicationType t : kAllApplicationTypes)
    if (!value_of(fields, type_field(t)).empty()) form.types.push_back(t);
  // Ticks without the choice mean "only these"; "every service" chosen wins over ticks left from before.
  if (form.scope.empty() && !form.types.empty()) form.scope = kScopeSome;
  if (form.scope == kScopeAll) form.types.clear();
  return form;
}

Error problem(const char* code, const char* field) { return Error::invalid(code, code, field); }

// Every problem of the form at once, the last day's range included, before the flow is asked (it checks
// again, and what only it can know: the patronato, another active mandate to it).
std::vector<Error> check(const GrantForm& form, Instant now, std::optional<MandateScope>& scope, std::optional<Date>& ends_on) {
  std::vector<Error> problems;
  if (form.organisation.empty()) problems.push_back(problem("patronato-required", "patronato"));
  if (form.scope == kScopeAll) scope = MandateScope{};
  else if (form.scope == kScopeSome && !form.types.empty()) scope = scope_of_types(form.types);
  else problems.push_back(problem(form.scope == kScopeSome ? "mandate-types-required" : "mandate-scope-required", "ambito"));
  if (form.ends_on.empty()) {
    problems.push_back(problem("mandate-end-required", "ultimo_giorno"));
  } else if (!(ends_on = parse_typed_date(form.ends_on))) {
    problems.push_back(problem("mandate-end-invalid", "ultimo_giorno"));
  } else if (Status allowed = check_mandate_end(*ends_on, now); !allowed) {
    Error e = allowed.error();
    e.field = "ultimo_giorno";
    problems.push_back(std::move(e));
  }
  return problems;
}

// The flow's error as a problem of the form: on the field it concerns.
Error on_form_field(Error error) {
  if (error.field == "ends_on") error.field = "ultimo_giorno";
  else if (error.field == "scope") error.field = "ambito";
  else if (error.code == "organisation-not-found" || error.code == "mandate-already-active") error.field = "patronato";
  return error;
}

Response grant_page(Web& web, const Request& r, const SignedIn& who, const GrantForm& typed,
                    const std::vector<Error>& problems, http::HttpStatus status = http::HttpStatus::ok) {
  const ApplicationsText text(web.pages.texts(), language_of(r));
  auto patronati = Mandates(web.api.ctx).patronati(who.session);
  if (!patronati) return problem_page(web, r, who, patronati.error());
  PageData values = mandate_values(who, text, text("mandates_new_title"), false);
  const Texts& t = web.pages.texts();
  auto error_of = [&](const char* field) {
    std::string joined;
    for (const Error& e : problems)
      if (e.field == field) joined += (joined.empty() ? "" : " ") + error_text(t, text.language(), e);
    return joined;
  };
  PageData options{PageData::type::list};
  for (const Organisation& o : *patronati) {
    PageData row{PageData::type::object};
    row.set("value", o.code);
    row.set("label", o.name);
    row.set("selected", o.code == typed.organisation);
    options.push_back(row);
  }
  values.set("patronati", options);
  PageData types{PageData::type::list};
  for (ApplicationType t : kAllApplicationTypes) {
    PageData row{PageData::type::object};
    row.set("id", type_field(t));
    row.set("label", text.type_name(t));
    row.set("checked", std::find(typed.types.begin(), typed.types.end(), t) != typed.types.end());
    types.push_back(row);
  }
  values.set("types", types);
  values.set("scope_all", typed.scope == kScopeAll);
  values.set("scope_some", typed.scope == kScopeSome);
  values.set("ends_on", typed.ends_on);
  const Date last = add_calendar_months(rome_date(web.api.ctx.clock.now()), kMaxMandateMonths);
  std::string hint = text("mandates_field_ultimo_giorno_hint");
  if (const auto at = hint.find("{max}"); at != std::string::npos) hint.replace(at, 5, format_date_it(last));
  values.set("ends_on_hint", hint);
  values.set("patronato_error", error_of("patronato"));
  values.set("scope_error", error_of("ambito"));
  values.set("ends_on_error", error_of("ultimo_giorno"));
  static const FieldSpec kFields[] = {{"patronato", "select", "off"}, {"ambito", "radio", "off"},
                                      {"ultimo_giorno", "text", "off"}};
  problem_summary(values, t, text.language(), {{kFields, "mandates_field_"}}, problems);
  return render_page(web, r, "mandates_new", values, status);
}

Response grant_form(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  return grant_page(web, r, *who, {}, {});
}

Response grant(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto fields = form_fields(r);
  if (!fields || !genuine_session_post(r, *who, *fields)) return redirect(r, kNewPath);
  const GrantForm typed = grant_form_of(*fields);
  std::optional<MandateScope> scope;
  std::optional<Date> ends_on;
  std::vector<Error> problems = check(typed, web.api.ctx.clock.now(), scope, ends_on);
  if (!problems.empty()) return grant_page(web, r, *who, typed, problems, http::HttpStatus::unprocessable_entity);
  auto granted = Mandates(web.api.ctx).grant(who->session, {typed.organisation, *scope, *ends_on});
  if (!granted) {
    if (granted.error().kind == ErrorKind::unavailable) return problem_page(web, r, *who, granted.error());
    return grant_page(web, r, *who, typed, {on_form_field(granted.error())}, form_error_status(granted.error()));
  }
  return redirect(r, std::string(kMandatesPath) + "?esito=conferita");
}

// The holder's mandate `id`, as the list shows it; not_found when it is not theirs.
Result<CitizenMandate> own_mandate(Web& web, const SignedIn& who, std::int64_t id) {
  auto mandates = Mandates(web.api.ctx).of_citizen(who.session);
  if (!mandates) return mandates.error();
  for (CitizenMandate& m : *mandates)
    if (m.mandate.id == id) return std::move(m);
  return mandate_not_found();
}

Response revocation_page(Web& web, const Request& r, const SignedIn& who, std::int64_t id,
                         const std::optional<Error>& error = std::nullopt, http::HttpStatus status = http::HttpStatus::ok) {
  const ApplicationsText text(web.pages.texts(), language_of(r));
  auto mandate = own_mandate(web, who, id);
  if (!mandate) return problem_page(web, r, who, mandate.error());
  if (mandate->state != MandateState::active) return redirect(r, kMandatesPath);
  PageData values = mandate_values(who, text, text("mandates_revoke_title"), false);
  values.set("mandate", mandate_row(text, *mandate));
  values.set("action", own_mandate_path(id) + "/revoca");
  if (error) values.set("error", error_text(web.pages.texts(), text.language(), *error));
  return render_page(web, r, "mandates_revoke", values, status);
}

Response mandate_revocation_form(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto id = http::id_param(r);
  if (!id) return problem_page(web, r, *who, mandate_not_found());
  return revocation_page(web, r, *who, *id);
}

Response revoke_own_mandate(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto id = http::id_param(r);
  if (!id) return problem_page(web, r, *who, mandate_not_found());
  const auto fields = form_fields(r);
  if (!fields || !genuine_session_post(r, *who, *fields)) return redirect(r, own_mandate_path(*id) + "/revoca");
  const Status revoked = Mandates(web.api.ctx).revoke(who->session, *id);
  if (!revoked) {
    // Revoked meanwhile (another tab) or expired at midnight: the list says how it stands.
    if (revoked.error().code == "mandate-not-active") return redirect(r, kMandatesPath);
    if (revoked.error().kind == ErrorKind::not_found) return problem_page(web, r, *who, revoked.error());
    return revocation_page(web, r, *who, *id, revoked.error(), http::HttpStatus::service_unavailable);
  }
  return redirect(r, std::string(kMandatesPath) + "?esito=revocata");
}

Response signed_form(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto id = http::id_param(r);
  if (!id) return problem_page(web, r, *who, mandate_not_found());
  auto bytes = Mandates(web.api.ctx).document(who->session, *id);
  if (!bytes) return problem_page(web, r, *who, bytes.error());
  return http::uploaded_file(r, "application/pdf", "delega-" + std::to_string(*id) + ".pdf", std::move(*bytes));
}

}  // namespace

void add_mandate_pages(http::Router& router, Web& web) {
  using http::Verb;
  const std::string base = kMandatesPath;
  router.add({Verb::get, base, [&web](Request& r) { return mandate_list(web, r); }});
  // Before the routes with an id: "nuova" is not one.
  router.add({Verb::get, kNewPath, [&web](Request& r) { return grant_form(web, r); }});
  router.add({Verb::post, kNewPath, [&web](Request& r) { return grant(web, r); }});
  router.add({Verb::get, base + "/{id}/revoca", [&web](Request& r) { return mandate_revocation_form(web, r); }});
  router.add({Verb::post, base + "/{id}/revoca", [&web](Request& r) { return revoke_own_mandate(web, r); }});
  router.add({Verb::get, base + "/{id}/modulo.pdf", [&web](Request& r) { return signed_form(web, r); }});
}

}  // namespace sportello::web
