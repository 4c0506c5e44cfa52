// A patronato's mandates in the console (issue 11, SPEC §6). "Registra una delega" at
// /operatori/patronato/deleghe/nuova: what the operator copies from the signed form (codice fiscale, surname,
// date of birth typed gg/mm/aaaa, the scope: every service or chosen application types, the last day) and the
// signed PDF (at most 1 MB, judged by its content by Mandates::record), sent multipart with the session's CSRF
// token; every problem next to its field, nothing recorded until all is right, and one sentence for any
// mismatch between the data and the citizen (the same for a code nobody holds). A recorded mandate may be
// revoked by its patronato after a confirmation page (/deleghe/{id}/revoca); its signed form is at
// /deleghe/{id}/modulo.pdf.
#include <algorithm>

#include "core/codice_fiscale.h"
#include "core/typed_date.h"
#include "flows/intermediaries/mandates.h"
#include "http/api/respond.h"
#include "http/file_response.h"
#include "http/multipart.h"
#include "web/console_patronato.h"
#include "web/mandate_format.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

const std::string kRecordPath = std::string(kPatronatoPath) + "/deleghe/nuova";
// The signed form with room for a file somewhat over its limit, so that it gets its own clear message.
constexpr std::uint64_t kRecordBodyLimit = 4 * 1024 * 1024;

std::string mandate_path(std::int64_t id) { return std::string(kPatronatoPath) + "/deleghe/" + std::to_string(id); }

// What the operator sent: the text fields, the scope's choice and types, the file, the token.
struct RecordForm {
  Fields fields;                    // codice_fiscale, surname, birth_date, ends_on, scope_kind
  std::vector<std::string> types;   // the ticked application types
  std::optional<std::string> document;
  std::string csrf;
};

std::optional<RecordForm> record_form_of(const Request& r) {
  const auto boundary = http::multipart_boundary(r.header(http::beast_http::field::content_type));
  if (!boundary) return std::nullopt;
  auto parts = http::parse_multipart(r.body(), *boundary);
  if (!parts) return std::nullopt;
  RecordForm form;
  for (http::FormPart& part : *parts) {
    if (part.name == "csrf") form.csrf = part.data;
    else if (part.name == "scope") form.types.push_back(std::move(part.data));
    else if (part.name == "signed_form") {
      // A file input left empty still sends a part, with no file name and no bytes.
      if (!(part.filename.empty() && part.data.empty())) form.document = std::move(part.data);
    } else if (part.name == "codice_fiscale" || part.name == "surname" || part.name == "birth_date" ||
               part.name == "ends_on" || part.name == "scope_kind") {
      form.fields[part.name] = std::move(part.data);
    }
  }
  return form;
}

constexpr const char* kRecordFields[] = {"codice_fiscale", "surname", "birth_date", "scope", "ends_on", "signed_form"};

Response record_page(Web& web, const Request& r, const SignedInStaff& who, const RecordForm& typed,
                     const std::vector<Error>& problems, http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  const ApplicationsText text(t, language);
  PageData values = console_values(web, r, who);
  auto error_of = [&](const std::string& field) {
    std::string joined;
    for (const Error& p : problems)
      if (p.field == field) joined += (joined.empty() ? "" : " ") + intermediary_error(t, language, p);
    return joined;
  };
  for (const char* name : {"codice_fiscale", "surname", "birth_date", "ends_on"})
    values.set(name, typed_field(value_of(typed.fields, name), error_of(name)));
  const std::string scope_error = error_of("scope");
  values.set("scope_error", scope_error.empty() ? PageData(false) : PageData(scope_error));
  const std::string kind = value_of(typed.fields, "scope_kind");
  values.set("scope_all", kind == "all");
  values.set("scope_types", kind == "types");
  PageData types{PageData::type::list};
  for (ApplicationType type : kAllApplicationTypes) {
    PageData row{PageData::type::object};
    row.set("value", to_string(type));
    row.set("label", text.type_name(type));
    row.set("checked", std::find(typed.types.begin(), typed.types.end(), to_string(type)) != typed.types.end());
    types.push_back(row);
  }
  values.set("types", types);
  const std::string document_error = error_of("signed_form");
  values.set("document_error", document_error.empty() ? PageData(false) : PageData(document_error));
  values.set("document_again", typed.document.has_value() && !problems.empty());
  values.set("latest_end", format_date_it(add_calendar_months(rome_date(web.api.ctx.clock.now()), kMaxMandateMonths)));
  // The summary: each problem linking to its field; one on no field of the page, on top without a link.
  PageData rows{PageData::type::list};
  for (const Error& p : problems) {
    PageData row{PageData::type::object};
    const bool shown = std::find(std::begin(kRecordFields), std::end(kRecordFields), p.field) != std::end(kRecordFields);
    const std::string anchor = p.field == "scope" ? "scope_kind" : p.field;
    // The mismatch names the three fields itself.
    const bool labelled = shown && p.code != "citizen-not-matched";
    row.set("href", shown ? PageData("#" + anchor) : PageData(false));
    row.set("text", (labelled ? t.get(language, "patronato_field_" + p.field) + ": " : "") + intermediary_error(t, language, p));
    rows.push_back(row);
  }
  values.set("problems", rows);
  values.set("has_problems", !problems.empty());
  values.set("problem_count", problems.size() == 1 ? text("app_summary_one")
                                                   : std::to_string(problems.size()) + " " + text("app_summary_many"));
  return render_page(web, r, "console_patronato_record", values, status);
}

Response record_form(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) { return record_page(web, r, who, {}, {}); });
}

// What the page can tell at once from what was typed (every problem together); the rest is the flow's.
std::vector<Error> typed_problems(Web& web, const RecordForm& typed, RecordMandateInput& input) {
  std::vector<Error> problems;
  const Date today = rome_date(web.api.ctx.clock.now());
  input.codice_fiscale = value_of(typed.fields, "codice_fiscale");
  if (blank(input.codice_fiscale)) {
    problems.push_back(codice_fiscale_required());
  } else if (auto cf = CodiceFiscale::parse(input.codice_fiscale, web.api.ctx.places, today); !cf) {
    Error e = cf.error();
    e.field = "codice_fiscale";
    problems.push_back(e);
  }
  input.surname = value_of(typed.fields, "surname");
  if (blank(input.surname))
    problems.push_back(Error::invalid("surname-required", "Write the surname.", "surname"));
  if (const auto born = parse_typed_date(value_of(typed.fields, "birth_date")); born) input.birth_date = *born;
  else problems.push_back(Error::invalid("invalid-date", "Write the date of birth as dd/mm/yyyy.", "birth_date"));
  const std::string kind = value_of(typed.fields, "scope_kind");
  std::vector<std::string> names;
  if (kind == "all") names = {"all"};
  else if (kind == "types") names = typed.types;
  if (auto scope = scope_from_names(names); scope) input.scope = std::move(*scope);
  else problems.push_back(kind.empty() ? Error::invalid("mandate-scope-kind-required", "Choose the scope.", "scope")
                                       : scope.error());
  if (const auto last = parse_typed_date(value_of(typed.fields, "ends_on")); last) input.ends_on = *last;
  else problems.push_back(Error::invalid("invalid-date", "Write the last day as dd/mm/yyyy.", "ends_on"));
  if (typed.document) input.document = *typed.document;
  else problems.push_back(Error::invalid("mandate-document-missing", "Attach the signed mandate.", "signed_form"));
  return problems;
}

Response record(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) {
    auto typed = record_form_of(r);
    if (!typed || !genuine_session_post(r, who.signed_in, {{"csrf", typed->csrf}})) return redirect(r, kRecordPath);
    RecordMandateInput input;
    std::vector<Error> problems = typed_problems(web, *typed, input);
    if (problems.empty()) {
      auto recorded = Mandates(web.api.ctx).record(who.actor, input);
      if (recorded) return redirect(r, std::string(kPatronatoPath) + "?esito=delega-registrata");
      if (recorded.error().kind == ErrorKind::forbidden) return intermediary_problem(web, r, who, recorded.error());
      problems.push_back(recorded.error());
    }
    return record_page(web, r, who, *typed, problems, http::HttpStatus::unprocessable_entity);
  });
}

// The organisation's mandate `id`, for the confirmation page; nullopt when it has none with that id.
std::optional<OrganisationMandate> find_mandate(const std::vector<OrganisationMandate>& all, std::int64_t id) {
  for (const OrganisationMandate& m : all)
    if (m.mandate.id == id) return m;
  return std::nullopt;
}

Response mandate_revoke_form(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) {
    const ApplicationsText text(web.pages.texts(), language_of(r));
    const auto id = http::id_param(r);
    if (!id) return intermediary_problem(web, r, who, mandate_not_found());
    auto all = Mandates(web.api.ctx).of_organisation(who.actor, 1000);
    if (!all) return intermediary_problem(web, r, who, all.error());
    const auto found = find_mandate(*all, *id);
    if (!found) return intermediary_problem(web, r, who, mandate_not_found());
    // The citizen revokes what they granted online, from the reserved area.
    if (found->mandate.origin != MandateOrigin::recorded)
      return redirect(r, std::string(kPatronatoPath) + "?esito=delega-del-cittadino");
    if (found->state != MandateState::active) return redirect(r, std::string(kPatronatoPath) + "?esito=delega-non-attiva");
    PageData values = console_values(web, r, who);
    values.set("action", mandate_path(*id) + "/revoca");
    values.set("citizen", found->name + " " + found->surname);
    values.set("codice_fiscale", found->codice_fiscale);
    values.set("scope", mandate_scope_text(text, found->mandate.scope, "patronato_scope_all"));
    values.set("ends_on", format_date(found->mandate.ends_on, text.language()));
    return render_page(web, r, "console_patronato_revoke", values);
  });
}

Response revoke_mandate(Web& web, Request& r) {
  return as_staff_posting(web, r, kPatronatoPath, [&](const SignedInStaff& who, const Fields&) {
    if (!section_allowed(who.actor, r.path)) return console_problem(web, r, who, role_forbidden());
    const auto id = http::id_param(r);
    if (!id) return intermediary_problem(web, r, who, mandate_not_found());
    const Status done = Mandates(web.api.ctx).revoke_recorded(who.actor, *id);
    if (done) return redirect(r, std::string(kPatronatoPath) + "?esito=delega-revocata");
    if (done.error().kind == ErrorKind::not_found) return redirect(r, std::string(kPatronatoPath) + "?esito=delega-non-trovata");
    if (done.error().kind == ErrorKind::illegal_transition)
      return redirect(r, std::string(kPatronatoPath) + "?esito=delega-non-attiva");
    return intermediary_problem(web, r, who, done.error());
  });
}

Response mandate_form_pdf(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) {
    const auto id = http::id_param(r);
    if (!id) return intermediary_problem(web, r, who, mandate_not_found());
    auto bytes = Mandates(web.api.ctx).document(who.actor, *id);
    if (!bytes) return intermediary_problem(web, r, who, bytes.error());
    return http::uploaded_file(r, "application/pdf", "delega-" + std::to_string(*id) + ".pdf", std::move(*bytes), false);
  });
}

}  // namespace

void add_patronato_mandate_pages(http::Router& router, Web& web) {
  using http::Verb;
  const std::string one = std::string(kPatronatoPath) + "/deleghe/{id}";
  router.add({Verb::get, kRecordPath, [&web](Request& r) { return record_form(web, r); }});
  router.add({Verb::post, kRecordPath, [&web](Request& r) { return record(web, r); }, false, kRecordBodyLimit});
  router.add({Verb::get, one + "/revoca", [&web](Request& r) { return mandate_revoke_form(web, r); }});
  router.add({Verb::post, one + "/revoca", [&web](Request& r) { return revoke_mandate(web, r); }});
  router.add({Verb::get, one + "/modulo.pdf", [&web](Request& r) { return mandate_form_pdf(web, r); }});
}

}  // namespace sportello::web
