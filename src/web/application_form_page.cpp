// Filing an application (SPEC §5, issue 10): /area-riservata/domande/nuova/{type} shows the holder's own data
// read-only, then the type's fields by kind (services/application_form.h) and the attachments; the POST
// (multipart, with the session's CSRF token and a one-time key, so a double click files once) answers 303 to
// the new application's detail, or the same page with every problem at once: a summary on top linking to
// each field, each error next to its field, every typed value kept. An ordinario holder is told why they
// cannot file and where to get the PIN dispositivo.
#include "flows/profile.h"
#include "flows/services/file_application.h"
#include "http/api/auth.h"
#include "web/application_form_fields.h"
#include "web/applications_pages.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

// The path's type, or nullopt for anything that is not one of the five.
std::string form_path(ApplicationType type) { return std::string(kApplicationsPath) + "/nuova/" + to_string(type); }

struct FormState {
  const ApplicationForm& form;
  const TypedApplication& typed;
  const std::vector<Error>& problems;
};

Response form_page(Web& web, Request& r, const SignedIn& who, const CitizenProfile& profile, const FormState& s,
                   http::HttpStatus status = http::HttpStatus::ok) {
  const ApplicationsText text(web.pages.texts(), language_of(r));
  PageData values = applications_values(who, text, text.type_name(s.form.type), false);
  values.set("title", text.type_name(s.form.type));
  values.set("purpose", text(std::string("app_purpose_") + to_string(s.form.type)));
  values.set("action", form_path(s.form.type));
  put_holder(text, profile.citizen, values);
  put_application_form(text, s.form, s.typed, s.problems, values);
  values.set("empty_gestioni", s.form.type == ApplicationType::ricongiunzione && !s.form.fields.empty() &&
                                     s.form.fields.front().choices.size() < 2);
  return render_page(web, r, "applications_form", values, status);
}

// An ordinario holder: why they cannot file, and the way to the PIN dispositivo.
Response dispositivo_needed(Web& web, Request& r, const SignedIn& who, ApplicationType type, http::HttpStatus status) {
  const ApplicationsText text(web.pages.texts(), language_of(r));
  PageData values = applications_values(who, text, text.type_name(type), false);
  values.set("title", text.type_name(type));
  values.set("purpose", text(std::string("app_purpose_") + to_string(type)));
  return render_page(web, r, "applications_dispositivo", values, status);
}

Response new_form(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto type = application_type_param(r);
  if (!type) return application_not_found(web, r, *who);
  if (who->session.level != Level::dispositivo) return dispositivo_needed(web, r, *who, *type, http::HttpStatus::ok);
  auto profile = Profile(web.api.ctx).citizen(who->session);
  if (!profile) return application_problem(web, r, *who, profile.error());
  auto form = FileApplication(web.api.ctx).form(who->session, *type);
  if (!form) return application_problem(web, r, *who, form.error());
  const TypedApplication typed = fresh_application();
  return form_page(web, r, *who, *profile, {*form, typed, {}});
}

Response file(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto type = application_type_param(r);
  if (!type) return application_not_found(web, r, *who);
  FileApplication filing(web.api.ctx);
  auto form = filing.form(who->session, *type);
  if (!form) return application_problem(web, r, *who, form.error());
  auto typed = typed_application(r, *form);
  if (!typed || !genuine_session_post(r, *who, {{"csrf", typed->csrf}})) return redirect(r, form_path(*type));
  std::vector<Error> problems;
  auto filed = filing.run(who->session, {*type, typed->values, typed->files, typed->key}, problems);
  if (filed) return redirect(r, application_path(filed->application.id) + "?esito=presentata");

  const Error& error = filed.error();
  if (error.code == "dispositivo-required") return dispositivo_needed(web, r, *who, *type, http::HttpStatus::forbidden);
  if (error.kind != ErrorKind::invalid_input) return application_problem(web, r, *who, error);
  problems = filing_problems(error, std::move(problems), *typed);
  auto profile = Profile(web.api.ctx).citizen(who->session);
  if (!profile) return application_problem(web, r, *who, profile.error());
  return form_page(web, r, *who, *profile, {*form, *typed, problems}, http::HttpStatus::unprocessable_entity);
}

}  // namespace

void add_application_form_pages(http::Router& router, Web& web) {
  using http::Verb;
  const std::string path = std::string(kApplicationsPath) + "/nuova/{type}";
  const std::uint64_t body_limit = filing_body_limit(web);
  router.add({Verb::get, path, [&web](Request& r) { return new_form(web, r); }});
  router.add({Verb::post, path, [&web](Request& r) { return file(web, r); }, true, body_limit});
}

}  // namespace sportello::web
