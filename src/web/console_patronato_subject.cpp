// A citizen's page under a patronato's mandate (issue 11, SPEC §6): /operatori/patronato/soggetti/{id} shows
// the personal data and contacts, the mandate (scope, last day), the contribution record's summary when the
// scope is every service, the applications of the types the scope covers, and a link to file each of them;
// /…/domande/{application} is one of those applications with its timeline; /…/domande/nuova/{type} files one
// on the citizen's behalf (the citizen's own form, application_form_fields.h: multipart with the session's
// CSRF token and a one-time key, so a double click files once), then 303 to the application's page. Every
// read goes through ActForCitizen, which audits it under the citizen; without an active mandate (revoked,
// expired, another organisation's, an id nobody has) each page is the console's 404.
#include "flows/intermediaries/act_for_citizen.h"
#include "flows/services/application_notices.h"
#include "http/api/respond.h"
#include "web/application_form_fields.h"
#include "web/console_patronato.h"
#include "web/mandate_format.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr Flash kFiledFlashes[] = {{"presentata-per-conto", true}};

std::string application_page(std::int64_t citizen_id, std::int64_t id) {
  return subject_path(citizen_id) + "/domande/" + std::to_string(id);
}
std::string filing_path(std::int64_t citizen_id, ApplicationType type) {
  return subject_path(citizen_id) + "/domande/nuova/" + to_string(type);
}

// The mandate as the operator reads it on every page of the subject.
void put_subject(const ApplicationsText& text, const MandatedSubject& s, PageData& values) {
  put_holder(text, s.citizen, values);
  values.set("subject_path", subject_path(s.citizen.id));
  values.set("mandate_scope", mandate_scope_text(text, s.mandate.scope, "patronato_scope_all"));
  values.set("mandate_ends_on", format_date(s.mandate.ends_on, text.language()));
  values.set("mandate_starts_on", format_date(s.mandate.starts_on, text.language()));
  values.set("mandate_origin", text(std::string("patronato_mandate_origin_") + to_string(s.mandate.origin)));
  values.set("organisation", s.organisation.name);
}

// How an application was filed: "Dal cittadino", "Tramite Patronato INCA CGIL", "Tramite Contact Center" (the
// flow records "patronato <name>" for a patronato, which already names itself).
std::string through(const ApplicationsText& text, const Application& a) {
  if (a.filed_through.empty()) return text("patronato_filed_by_citizen");
  const std::string_view prefix = "patronato ";
  const std::string who = a.filed_through.starts_with(prefix) ? a.filed_through.substr(prefix.size()) : a.filed_through;
  return text("patronato_filed_through") + " " + who;
}

PageData record_rows(const ApplicationsText& text, const ContributionRecord& record) {
  PageData rows{PageData::type::list};
  for (const GestioneRecord& g : record.gestioni) {
    PageData row{PageData::type::object};
    row.set("gestione", text(std::string("records_gestione_") + to_string(g.gestione)));
    row.set("weeks", std::to_string(g.weeks_for_right));
    const std::string from = g.years.empty() ? "" : std::to_string(g.years.front().year);
    const std::string to = g.years.empty() ? "" : std::to_string(g.years.back().year);
    row.set("years", from == to ? from : from + "–" + to);
    rows.push_back(row);
  }
  return rows;
}

PageData application_rows(const ApplicationsText& text, std::int64_t citizen_id, const std::vector<Application>& found) {
  PageData rows{PageData::type::list};
  for (const Application& a : found) {
    PageData row{PageData::type::object};
    row.set("id", std::to_string(a.id));
    row.set("href", application_page(citizen_id, a.id));
    row.set("protocol", a.protocol);
    row.set("type", text.type_name(a.type));
    row.set("state", text.state_name(a.state));
    row.set("badge", state_badge(a.state));
    row.set("filed", text.when(a.submitted_at));
    row.set("through", through(text, a));
    rows.push_back(row);
  }
  return rows;
}

PageData type_links(const ApplicationsText& text, std::int64_t citizen_id, const MandateScope& scope) {
  PageData rows{PageData::type::list};
  for (ApplicationType type : kAllApplicationTypes) {
    if (!scope.covers(type)) continue;
    PageData row{PageData::type::object};
    row.set("href", filing_path(citizen_id, type));
    row.set("text", text.type_name(type));
    row.set("type", to_string(type));
    rows.push_back(row);
  }
  return rows;
}

Response subject(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) {
    const ApplicationsText text(web.pages.texts(), language_of(r));
    const auto id = http::id_param(r);
    if (!id) return intermediary_problem(web, r, who, subject_not_found());
    ActForCitizen act(web.api.ctx);
    auto found = act.personal_data(who.actor, *id);
    if (!found) return intermediary_problem(web, r, who, found.error());
    auto applications = act.applications(who.actor, *id);
    if (!applications) return intermediary_problem(web, r, who, applications.error());
    PageData values = console_values(web, r, who);
    put_subject(text, *found, values);
    values.set("title", found->citizen.data.name + " " + found->citizen.data.surname);
    const bool records = found->mandate.scope.covers_records();
    values.set("covers_records", records);
    if (records) {
      auto record = act.contributions(who.actor, *id);
      if (!record) return intermediary_problem(web, r, who, record.error());
      values.set("record_empty", record->empty());
      values.set("record_total", std::to_string(record->total_weeks_for_right));
      values.set("record_rows", record_rows(text, *record));
    }
    values.set("applications", application_rows(text, *id, *applications));
    values.set("no_applications", applications->empty());
    values.set("types", type_links(text, *id, found->mandate.scope));
    return render_page(web, r, "console_patronato_subject", values);
  });
}

Response application(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) {
    const ApplicationsText text(web.pages.texts(), language_of(r));
    const auto id = http::id_param(r);
    const auto application_id = http::id_param(r, "application");
    if (!id) return intermediary_problem(web, r, who, subject_not_found());
    if (!application_id) return intermediary_problem(web, r, who, sportello::application_not_found());
    ActForCitizen act(web.api.ctx);
    auto found = act.personal_data(who.actor, *id);
    if (!found) return intermediary_problem(web, r, who, found.error());
    auto a = act.application(who.actor, *id, *application_id);
    if (!a) return intermediary_problem(web, r, who, a.error());
    PageData values = console_values(web, r, who);
    put_subject(text, *found, values);
    values.set("title", text.type_name(a->type));
    values.set("protocol", a->protocol);
    values.set("state", text.state_name(a->state));
    values.set("badge", state_badge(a->state));
    values.set("filed", text.when(a->submitted_at));
    values.set("through", through(text, *a));
    values.set("data", data_rows(text, *a));
    values.set("timeline", timeline_rows(text, *a));
    put_flash(web, r, kFiledFlashes, values);
    return render_page(web, r, "console_patronato_application", values);
  });
}

struct Filing {
  const MandatedSubject& subject;
  const ApplicationForm& form;
  const TypedApplication& typed;
  const std::vector<Error>& problems;
};

Response form_page(Web& web, const Request& r, const SignedInStaff& who, const Filing& f,
                   http::HttpStatus status = http::HttpStatus::ok) {
  const ApplicationsText text(web.pages.texts(), language_of(r));
  PageData values = console_values(web, r, who);
  put_subject(text, f.subject, values);
  values.set("title", text.type_name(f.form.type));
  values.set("purpose", text(std::string("app_purpose_") + to_string(f.form.type)));
  values.set("action", filing_path(f.subject.citizen.id, f.form.type));
  put_application_form(text, f.form, f.typed, f.problems, values);
  return render_page(web, r, "console_patronato_form", values, status);
}

Error no_such_type() {
  return Error{ErrorKind::not_found, "application-type-unknown", "No such application type.", "type", {}};
}

Response subject_form(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) {
    const auto id = http::id_param(r);
    const auto type = application_type_param(r);
    if (!id) return intermediary_problem(web, r, who, subject_not_found());
    if (!type) return intermediary_problem(web, r, who, no_such_type());
    ActForCitizen act(web.api.ctx);
    auto form = act.form(who.actor, *id, *type);
    if (!form) return intermediary_problem(web, r, who, form.error());
    auto found = act.personal_data(who.actor, *id);
    if (!found) return intermediary_problem(web, r, who, found.error());
    const TypedApplication typed = fresh_application();
    return form_page(web, r, who, {*found, *form, typed, {}});
  });
}

Response file_for_subject(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) {
    const auto id = http::id_param(r);
    const auto type = application_type_param(r);
    if (!id) return intermediary_problem(web, r, who, subject_not_found());
    if (!type) return intermediary_problem(web, r, who, no_such_type());
    ActForCitizen act(web.api.ctx);
    auto form = act.form(who.actor, *id, *type);
    if (!form) return intermediary_problem(web, r, who, form.error());
    auto typed = typed_application(r, *form);
    if (!typed || !genuine_session_post(r, who.signed_in, {{"csrf", typed->csrf}})) return redirect(r, filing_path(*id, *type));
    std::vector<Error> problems;
    auto filed = act.file(who.actor, *id, {*type, typed->values, typed->files, typed->key}, problems);
    if (filed) return redirect(r, application_page(*id, filed->application.id) + "?esito=presentata-per-conto");
    const Error& error = filed.error();
    if (error.kind != ErrorKind::invalid_input) return intermediary_problem(web, r, who, error);
    problems = filing_problems(error, std::move(problems), *typed);
    auto found = act.personal_data(who.actor, *id);
    if (!found) return intermediary_problem(web, r, who, found.error());
    return form_page(web, r, who, {*found, *form, *typed, problems}, http::HttpStatus::unprocessable_entity);
  });
}

}  // namespace

void add_patronato_subject_pages(http::Router& router, Web& web) {
  using http::Verb;
  const std::string one = std::string(kPatronatoPath) + "/soggetti/{id}";
  router.add({Verb::get, one, [&web](Request& r) { return subject(web, r); }});
  router.add({Verb::get, one + "/domande/{application}", [&web](Request& r) { return application(web, r); }});
  router.add({Verb::get, one + "/domande/nuova/{type}", [&web](Request& r) { return subject_form(web, r); }});
  router.add({Verb::post, one + "/domande/nuova/{type}", [&web](Request& r) { return file_for_subject(web, r); }, true,
              filing_body_limit(web)});
}

}  // namespace sportello::web
