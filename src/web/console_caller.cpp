// The contact centre files an application for a caller (issue 11, SPEC §6), role contact_center, at
// /operatori/domanda-telefonica. One page for what the operator settles first while on the phone: the caller's
// codice fiscale, the identity questions asked (at least two from intermediaries/identity_check.h; the
// answers are never recorded) and the type; then the type's form, the citizen's own (application_form_fields.h),
// then the protocol to read out. The codice fiscale never enters a URL: the first step's POST answers with the
// form itself, which carries the code and the questions in hidden fields of its multipart body; "Modifica"
// takes them back to the first step. Every problem is shown next to its field with what was typed kept: a weak
// check next to the questions, an unknown caller next to the codice fiscale. The confirmation is the answer to
// the filing's POST (the code stays out of the address): sending it again, e.g. with a reload, files nothing
// new, since the form's one-time key makes the filing idempotent, and shows the same protocol.
#include <algorithm>

#include "core/codice_fiscale.h"
#include "flows/intermediaries/file_for_caller.h"
#include "intermediaries/identity_check.h"
#include "web/application_form_fields.h"
#include "web/console_patronato.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr const char* kCallerPath = "/operatori/domanda-telefonica";

// A question's checkbox: "verifica_residence".
std::string question_field(IdentityQuestion q) { return std::string("verifica_") + to_string(q); }

// What the first step settles, as typed.
struct Caller {
  std::string codice_fiscale;
  std::vector<std::string> questions;  // names of intermediaries/identity_check.h
  std::string type;                    // as sent: an application type's name, or anything
};

Caller caller_of(const Fields& fields) {
  Caller c{value_of(fields, "codice_fiscale"), {}, value_of(fields, "tipo")};
  for (IdentityQuestion q : kAllIdentityQuestions)
    if (!value_of(fields, question_field(q)).empty()) c.questions.push_back(to_string(q));
  return c;
}

// The parts the second step's body carries besides the application.
std::vector<std::string> carried_names() {
  std::vector<std::string> names{"codice_fiscale"};
  for (IdentityQuestion q : kAllIdentityQuestions) names.push_back(question_field(q));
  return names;
}

Caller caller_of(const TypedApplication& typed, ApplicationType type) {
  Fields fields;
  for (const auto& [name, value] : typed.carried) fields[name] = value;
  fields["tipo"] = to_string(type);
  return caller_of(fields);
}

// The hidden fields that carry the caller: {name, value}.
PageData carried_rows(const Caller& c) {
  PageData rows{PageData::type::list};
  auto row = [&](const std::string& name, const std::string& value) {
    PageData r{PageData::type::object};
    r.set("name", name);
    r.set("value", value);
    rows.push_back(r);
  };
  row("codice_fiscale", c.codice_fiscale);
  for (const std::string& q : c.questions)
    if (const auto parsed = parse_identity_question(q)) row(question_field(*parsed), "1");
  return rows;
}

PageData question_rows(const ApplicationsText& text, const Caller& c) {
  PageData rows{PageData::type::list};
  for (IdentityQuestion q : kAllIdentityQuestions) {
    PageData row{PageData::type::object};
    row.set("name", question_field(q));
    row.set("label", text(std::string("caller_question_") + to_string(q)));
    row.set("checked", std::find(c.questions.begin(), c.questions.end(), to_string(q)) != c.questions.end());
    rows.push_back(row);
  }
  return rows;
}

std::string errors_on(const Texts& t, Language language, const std::vector<Error>& problems, const std::string& field) {
  std::string joined;
  for (const Error& p : problems)
    if (p.field == field) joined += (joined.empty() ? "" : " ") + intermediary_error(t, language, p);
  return joined;
}

Response first_step(Web& web, const Request& r, const SignedInStaff& who, const Caller& c, const std::vector<Error>& problems) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  const ApplicationsText text(t, language);
  PageData values = console_values(web, r, who);
  values.set("codice_fiscale", typed_field(c.codice_fiscale, errors_on(t, language, problems, "codice_fiscale")));
  values.set("questions", question_rows(text, c));
  const std::string questions_error = errors_on(t, language, problems, "identity_questions");
  values.set("questions_error", questions_error.empty() ? PageData(false) : PageData(questions_error));
  const std::string type_error = errors_on(t, language, problems, "type");
  values.set("type_error", type_error.empty() ? PageData(false) : PageData(type_error));
  PageData types{PageData::type::list};
  for (ApplicationType type : kAllApplicationTypes) {
    PageData row{PageData::type::object};
    row.set("id", type == kAllApplicationTypes[0] ? std::string("tipo") : std::string("tipo-") + to_string(type));
    row.set("value", to_string(type));
    row.set("label", text.type_name(type));
    row.set("checked", c.type == to_string(type));
    types.push_back(row);
  }
  values.set("types", types);
  PageData rows{PageData::type::list};
  for (const Error& p : problems) {
    const std::string anchor = p.field == "identity_questions" ? question_field(kAllIdentityQuestions[0])
                               : p.field == "type"              ? std::string("tipo")
                               : p.field == "codice_fiscale"    ? std::string("codice_fiscale")
                                                                : std::string();
    PageData row{PageData::type::object};
    row.set("href", anchor.empty() ? PageData(false) : PageData("#" + anchor));
    row.set("text", (anchor.empty() ? "" : t.get(language, "caller_field_" + p.field) + ": ") + intermediary_error(t, language, p));
    rows.push_back(row);
  }
  values.set("problems", rows);
  values.set("has_problems", !problems.empty());
  values.set("problem_count", problems.size() == 1 ? text("app_summary_one")
                                                   : std::to_string(problems.size()) + " " + text("app_summary_many"));
  return render_page(web, r, "console_caller", values,
                     problems.empty() ? http::HttpStatus::ok : form_error_status(problems.front()));
}

struct CallerFilingPage {
  const Caller& caller;
  const ApplicationForm& form;
  const TypedApplication& typed;
  const std::vector<Error>& problems;
};

Response second_step(Web& web, const Request& r, const SignedInStaff& who, const CallerFilingPage& p,
                     http::HttpStatus status = http::HttpStatus::ok) {
  const ApplicationsText text(web.pages.texts(), language_of(r));
  PageData values = console_values(web, r, who);
  values.set("title", text.type_name(p.form.type));
  values.set("purpose", text(std::string("app_purpose_") + to_string(p.form.type)));
  values.set("action", std::string(kCallerPath) + "/" + to_string(p.form.type));
  values.set("caller_cf", p.caller.codice_fiscale);
  values.set("type_value", to_string(p.form.type));
  PageData asked{PageData::type::list};
  for (const std::string& q : p.caller.questions) {
    PageData row{PageData::type::object};
    row.set("text", text("caller_question_" + q));
    asked.push_back(row);
  }
  values.set("asked", asked);
  values.set("carried", carried_rows(p.caller));
  put_application_form(text, p.form, p.typed, p.problems, values);
  return render_page(web, r, "console_caller_form", values, status);
}

Response start_call(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) { return first_step(web, r, who, {}, {}); });
}

// The first step's checks, every one at once: the questions, the codice fiscale (and whether it is anyone's),
// the type. Returns the form when all is right.
std::optional<ApplicationForm> checked(Web& web, const SignedInStaff& who, const Caller& c, std::vector<Error>& problems,
                                       std::optional<Error>& refusal) {
  if (!parse_identity_check(c.questions))
    problems.push_back(Error::invalid("identity-check-too-weak", "Record at least two questions.", "identity_questions"));
  const auto type = parse_application_type(c.type);
  if (!type) problems.push_back(Error::invalid("caller-type-required", "Choose the type of application.", "type"));
  if (blank(c.codice_fiscale)) {
    problems.push_back(codice_fiscale_required());
    return std::nullopt;
  }
  // The code is checked with the chosen type's form, or any form while no type is chosen.
  auto form = FileForCaller(web.api.ctx).form(who.actor, c.codice_fiscale, type.value_or(kAllApplicationTypes[0]));
  if (!form) {
    if (form.error().field == "codice_fiscale") problems.push_back(form.error());
    else refusal = form.error();
    return std::nullopt;
  }
  if (!problems.empty()) return std::nullopt;
  return std::move(*form);
}

Response choose(Web& web, Request& r) {
  return as_staff_posting(web, r, kCallerPath, [&](const SignedInStaff& who, const Fields& fields) {
    if (!section_allowed(who.actor, r.path)) return console_problem(web, r, who, role_forbidden());
    const Caller c = caller_of(fields);
    // "Modifica" from the form: the first step again with what was settled.
    if (!value_of(fields, "modifica").empty()) return first_step(web, r, who, c, {});
    std::vector<Error> problems;
    std::optional<Error> refusal;
    const auto form = checked(web, who, c, problems, refusal);
    if (refusal) return console_problem(web, r, who, *refusal);
    if (!form) return first_step(web, r, who, c, problems);
    // From here on the code as the registry writes it ("RSSMRA85T10H501O"), whatever was typed.
    Caller settled = c;
    if (auto cf = CodiceFiscale::parse(c.codice_fiscale, web.api.ctx.places, rome_date(web.api.ctx.clock.now())))
      settled.codice_fiscale = cf->code();
    const TypedApplication typed = fresh_application();
    return second_step(web, r, who, {settled, *form, typed, {}});
  });
}

Response file_for_caller(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) {
    const auto found = r.params.find("type");
    const auto type = found == r.params.end() ? std::nullopt : parse_application_type(found->second);
    if (!type) return redirect(r, kCallerPath);
    // The body is read with the type's general form (only the kinds of its fields matter for reading it).
    const std::vector<std::string> names = carried_names();
    std::vector<const char*> carried;
    for (const std::string& n : names) carried.push_back(n.c_str());
    auto typed = typed_application(r, form_for(*type, {}), carried);
    if (!typed || !genuine_session_post(r, who.signed_in, {{"csrf", typed->csrf}})) return redirect(r, kCallerPath);
    const Caller c = caller_of(*typed, *type);
    FileForCaller filing(web.api.ctx);
    std::vector<Error> problems;
    auto filed = filing.run(who.actor, {c.codice_fiscale, c.questions, {*type, typed->values, typed->files, typed->key}}, problems);
    if (filed) {
      const ApplicationsText text(web.pages.texts(), language_of(r));
      PageData values = console_values(web, r, who);
      values.set("protocol", filed->application.protocol);
      values.set("type", text.type_name(filed->application.type));
      values.set("filed", text.when(filed->application.submitted_at));
      PageData asked{PageData::type::list};
      for (const std::string& q : c.questions) {
        PageData row{PageData::type::object};
        row.set("text", text("caller_question_" + q));
        asked.push_back(row);
      }
      values.set("asked", asked);
      return render_page(web, r, "console_caller_filed", values);
    }
    const Error& error = filed.error();
    if (error.field == "identity_questions" || error.field == "codice_fiscale")
      return first_step(web, r, who, c, {error});
    if (error.kind != ErrorKind::invalid_input) return console_problem(web, r, who, error);
    problems = filing_problems(error, std::move(problems), *typed);
    auto form = filing.form(who.actor, c.codice_fiscale, *type);
    if (!form) return console_problem(web, r, who, form.error());
    return second_step(web, r, who, {c, *form, *typed, problems}, http::HttpStatus::unprocessable_entity);
  });
}

}  // namespace

void add_console_caller_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, kCallerPath, [&web](Request& r) { return start_call(web, r); }});
  router.add({Verb::post, kCallerPath, [&web](Request& r) { return choose(web, r); }});
  router.add({Verb::post, std::string(kCallerPath) + "/{type}", [&web](Request& r) { return file_for_caller(web, r); }, true,
              filing_body_limit(web)});
}

}  // namespace sportello::web
