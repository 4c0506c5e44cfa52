// The console's patronato section (issue 11, SPEC §6), role patronato. "Ricerca soggetto" at
// /operatori/patronato: the codice fiscale is sent in a POST body (typed as people type it: lower case,
// spaces), a citizen under an active mandate of the operator's organisation opens their page (303 to
// /operatori/patronato/soggetti/{id}); a code nobody holds and a citizen without such a mandate get the same
// page with the same sentence next to the field, so the search tells nothing about who is a citizen. Below,
// the organisation's mandates with their state; a recorded one may be revoked (console_patronato_mandates.cpp).
// The subject's page, their applications and filing on their behalf are in console_patronato_subject.cpp.
#include "web/console_patronato.h"

#include <algorithm>
#include <cctype>

#include "flows/intermediaries/act_for_citizen.h"
#include "flows/intermediaries/mandates.h"
#include "http/api/respond.h"
#include "web/console_session.h"
#include "web/mandate_format.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr Flash kSearchFlashes[] = {{"delega-registrata", true}, {"delega-revocata", true},
                                    {"delega-non-attiva", false}, {"delega-non-trovata", false},
                                    {"delega-del-cittadino", false}};

PageData mandate_rows(const ApplicationsText& text, const std::vector<OrganisationMandate>& mandates) {
  PageData rows{PageData::type::list};
  for (const OrganisationMandate& m : mandates) {
    const std::string id = std::to_string(m.mandate.id);
    const bool active = m.state == MandateState::active;
    const bool recorded = m.mandate.origin == MandateOrigin::recorded;
    PageData row{PageData::type::object};
    row.set("id", id);
    row.set("citizen", m.surname + " " + m.name);
    row.set("codice_fiscale", m.codice_fiscale);
    row.set("href", active ? PageData(subject_path(m.mandate.citizen_id)) : PageData(false));
    row.set("scope", mandate_scope_text(text, m.mandate.scope, "patronato_scope_all"));
    row.set("ends_on", format_date(m.mandate.ends_on, text.language()));
    row.set("state", text(std::string("patronato_mandate_state_") + to_string(m.state)));
    row.set("badge", mandate_state_badge(m.state));
    row.set("origin", text(std::string("patronato_mandate_origin_") + to_string(m.mandate.origin)));
    row.set("revoke", active && recorded ? PageData(std::string(kPatronatoPath) + "/deleghe/" + id + "/revoca") : PageData(false));
    row.set("document", recorded ? PageData(std::string(kPatronatoPath) + "/deleghe/" + id + "/modulo.pdf") : PageData(false));
    rows.push_back(row);
  }
  return rows;
}

Response search_page(Web& web, const Request& r, const SignedInStaff& who, const std::string& typed,
                     const std::optional<Error>& error) {
  const Language language = language_of(r);
  const ApplicationsText text(web.pages.texts(), language);
  auto mandates = Mandates(web.api.ctx).of_organisation(who.actor);
  if (!mandates) return intermediary_problem(web, r, who, mandates.error());
  PageData values = console_values(web, r, who);
  values.set("codice_fiscale", typed_field(typed, error ? intermediary_error(web.pages.texts(), language, *error) : ""));
  values.set("mandates", mandate_rows(text, *mandates));
  values.set("no_mandates", mandates->empty());
  put_flash(web, r, kSearchFlashes, values);
  // The same status for "no such code" and "no mandate": only a malformed code is told apart.
  return render_page(web, r, "console_patronato_search", values,
                     error ? http::HttpStatus::unprocessable_entity : http::HttpStatus::ok);
}

Response search_form(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) { return search_page(web, r, who, "", std::nullopt); });
}

Response search(Web& web, Request& r) {
  return as_staff_posting(web, r, kPatronatoPath, [&](const SignedInStaff& who, const Fields& fields) {
    if (!section_allowed(who.actor, r.path)) return console_problem(web, r, who, role_forbidden());
    const std::string typed = value_of(fields, "codice_fiscale");
    if (blank(typed)) return search_page(web, r, who, typed, codice_fiscale_required());
    auto found = ActForCitizen(web.api.ctx).search(who.actor, typed);
    if (found) return redirect(r, subject_path(found->citizen.id));
    const Error& error = found.error();
    if (error.kind == ErrorKind::forbidden) return intermediary_problem(web, r, who, error);
    // The same words for both: no citizen holds the code, or none under this organisation's mandate.
    if (error.code == "subject-not-found" || error.field == "codice_fiscale" || error.kind == ErrorKind::invalid_input)
      return search_page(web, r, who, typed, error);
    return intermediary_problem(web, r, who, error);
  });
}

}  // namespace

std::string subject_path(std::int64_t citizen_id) {
  return std::string(kPatronatoPath) + "/soggetti/" + std::to_string(citizen_id);
}

std::string intermediary_error(const Texts& t, Language language, const Error& error) {
  const std::string key = "patronato_error_" + error.code;
  const std::string own = t.get(language, key);
  return own != key ? own : error_text(t, language, error);
}

Response intermediary_problem(Web& web, const Request& r, const SignedInStaff& who, const Error& error) {
  if (error.kind != ErrorKind::forbidden && error.kind != ErrorKind::not_found) return console_problem(web, r, who, error);
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  const bool forbidden = error.kind == ErrorKind::forbidden;
  PageData values = console_values(web, r, who);
  values.set("title", t.get(language, forbidden ? "console_forbidden_title" : "console_not_found_title"));
  // A page reached by a link (a subject, an application) may have its own words for the code.
  const std::string key = "patronato_problem_" + error.code;
  const std::string own = t.get(language, key);
  values.set("message", own != key ? own : intermediary_error(t, language, error));
  return render_page(web, r, "console_problem", values,
                     forbidden ? http::HttpStatus::forbidden : http::HttpStatus::not_found);
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

Error codice_fiscale_required() {
  return Error::invalid("codice-fiscale-required", "Write the codice fiscale.", "codice_fiscale");
}

PageData typed_field(const std::string& value, const std::string& error) {
  PageData field{PageData::type::object};
  field.set("value", value);
  field.set("error", error.empty() ? PageData(false) : PageData(error));
  return field;
}

void add_console_patronato_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, kPatronatoPath, [&web](Request& r) { return search_form(web, r); }});
  router.add({Verb::post, kPatronatoPath, [&web](Request& r) { return search(web, r); }});
  add_patronato_subject_pages(router, web);
  add_patronato_mandate_pages(router, web);
}

}  // namespace sportello::web
