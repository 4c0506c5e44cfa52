// Filing an application (SPEC §5, issue 10): /area-riservata/domande/nuova/{type} shows the holder's own data
// read-only, then the type's fields by kind (services/application_form.h) and the attachments; the POST
// (multipart, with the session's CSRF token and a one-time key, so a double click files once) answers 303 to
// the new application's detail, or the same page with every problem at once: a summary on top linking to
// each field, each error next to its field, every typed value kept. An ordinario holder is told why they
// cannot file and where to get the PIN dispositivo.
#include <algorithm>

#include "core/random.h"
#include "flows/profile.h"
#include "flows/services/file_application.h"
#include "http/api/auth.h"
#include "http/multipart.h"
#include "web/applications_format.h"
#include "web/applications_pages.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr const char* kFilesField = "allegati";
constexpr const char* kKeyField = "chiave";

// What the citizen sent: the fields (a textarea's lines as repeated values), the files, the key and token.
struct Typed {
  FieldValues values;
  std::vector<UploadedFile> files;
  std::string key;
  std::string csrf;
};

// The path's type, or nullopt for anything that is not one of the five.
std::optional<ApplicationType> type_param(const Request& r) {
  const auto found = r.params.find("type");
  return found == r.params.end() ? std::nullopt : parse_application_type(found->second);
}

std::string form_path(ApplicationType type) { return std::string(kApplicationsPath) + "/nuova/" + to_string(type); }

bool repeated_lines(const ApplicationForm& form, const std::string& name) {
  for (const FormField& f : form.fields)
    if (f.name == name) return f.kind == FieldKind::codici_fiscali;
  return false;
}

std::optional<Typed> typed_of(const Request& r, const ApplicationForm& form) {
  const auto boundary = http::multipart_boundary(r.header(http::beast_http::field::content_type));
  if (!boundary) return std::nullopt;
  auto parts = http::parse_multipart(r.body(), *boundary);
  if (!parts) return std::nullopt;
  Typed typed;
  for (http::FormPart& part : *parts) {
    if (part.name == "csrf") typed.csrf = part.data;
    else if (part.name == kKeyField) typed.key = part.data;
    else if (part.name == kFilesField) {
      // A file input left empty still sends a part, with no file name and no bytes.
      if (!(part.filename.empty() && part.data.empty())) typed.files.push_back({part.filename, std::move(part.data)});
    } else if (repeated_lines(form, part.name)) {
      for (std::string& line : lines_of(part.data)) typed.values.emplace(part.name, std::move(line));
    } else {
      typed.values.emplace(part.name, std::move(part.data));
    }
  }
  return typed;
}

std::vector<std::string> values_of(const FieldValues& typed, const std::string& name) {
  std::vector<std::string> values;
  auto [from, to] = typed.equal_range(name);
  for (auto it = from; it != to; ++it) values.push_back(it->second);
  return values;
}

// The id the error summary links to: the field itself, or a group's first option (the group itself when it
// offers none, as ricongiunzione does for a holder without contributions).
std::string anchor_of(const FormField& f) {
  if (f.kind != FieldKind::choice && f.kind != FieldKind::choices) return f.name;
  return f.choices.empty() ? f.name + "-group" : f.name + "-" + f.choices.front();
}

// The field's own hint (app_hint_<name>), else its kind's (app_hint_kind_<kind>), with {min} and {max}.
std::string hint_of(const ApplicationsText& text, const FormField& f) {
  std::string hint;
  if (text.has("app_hint_" + f.name)) hint = text("app_hint_" + f.name);
  else if (text.has(std::string("app_hint_kind_") + to_string(f.kind))) hint = text(std::string("app_hint_kind_") + to_string(f.kind));
  for (const auto& [mark, number] : {std::pair{"{min}", f.min}, std::pair{"{max}", f.max}})
    for (auto at = hint.find(mark); at != std::string::npos; at = hint.find(mark)) hint.replace(at, 5, std::to_string(number));
  return hint;
}

PageData options_of(const ApplicationsText& text, const FormField& f, const std::vector<std::string>& typed) {
  PageData options{PageData::type::list};
  for (const std::string& choice : f.choices) {
    PageData o{PageData::type::object};
    o.set("id", f.name + "-" + choice);
    o.set("value", choice);
    o.set("label", text.choice_label(f.name, choice));
    o.set("checked", std::find(typed.begin(), typed.end(), choice) != typed.end());
    options.push_back(o);
  }
  return options;
}

PageData field_row(const ApplicationsText& text, const ApplicationForm& form, const FormField& f, const FieldValues& typed,
                   const std::vector<Error>& problems) {
  const std::vector<std::string> values = values_of(typed, f.name);
  std::string error;
  for (const Error& p : problems)
    if (p.field == f.name) error += (error.empty() ? "" : " ") + text.problem(p, form);
  const std::string hint = hint_of(text, f);
  const bool group = f.kind == FieldKind::choice || f.kind == FieldKind::choices;
  PageData row{PageData::type::object};
  row.set("id", f.name);
  row.set("name", f.name);
  row.set("label", text.field_label(f.name) + (f.required ? "" : " " + text("app_optional")));
  row.set("hint", hint.empty() ? PageData(false) : PageData(hint));
  row.set("error", error.empty() ? PageData(false) : PageData(error));
  const std::string describedby = (hint.empty() ? "" : f.name + "-hint") + (hint.empty() || error.empty() ? "" : " ") +
                                  (error.empty() ? "" : f.name + "-error");
  row.set("describedby", describedby.empty() ? PageData(false) : PageData(describedby));
  row.set("value", f.kind == FieldKind::codici_fiscali ? joined_lines(values) : values.empty() ? "" : values.front());
  row.set("line", !group && f.kind != FieldKind::codici_fiscali);
  row.set("numeric", f.kind == FieldKind::integer);
  row.set("decimal", f.kind == FieldKind::money);
  row.set("code", f.kind == FieldKind::iban);
  row.set("radios", f.kind == FieldKind::choice);
  row.set("checkboxes", f.kind == FieldKind::choices);
  row.set("lines", f.kind == FieldKind::codici_fiscali);
  row.set("rows", std::to_string(std::clamp(f.max, 2, 6)));
  row.set("options", options_of(text, f, values));
  return row;
}

struct FormState {
  const ApplicationForm& form;
  const Typed& typed;
  const std::vector<Error>& problems;
};

PageData summary_rows(const ApplicationsText& text, const FormState& s) {
  PageData rows{PageData::type::list};
  for (const Error& p : s.problems) {
    PageData row{PageData::type::object};
    std::string href = p.field == "attachments" ? kFilesField : "";
    for (const FormField& f : s.form.fields)
      if (f.name == p.field) href = anchor_of(f);
    row.set("href", href.empty() ? PageData(false) : PageData("#" + href));
    row.set("text", (href.empty() || p.field == "attachments" ? "" : text.field_label(p.field) + ": ") + text.problem(p, s.form));
    rows.push_back(row);
  }
  return rows;
}

Response form_page(Web& web, Request& r, const SignedIn& who, const CitizenProfile& profile, const FormState& s,
                   http::HttpStatus status = http::HttpStatus::ok) {
  const ApplicationsText text(web.pages.texts(), language_of(r));
  PageData values = applications_values(who, text, text.type_name(s.form.type), false);
  values.set("title", text.type_name(s.form.type));
  values.set("purpose", text(std::string("app_purpose_") + to_string(s.form.type)));
  values.set("action", form_path(s.form.type));
  values.set("key", s.typed.key);
  put_holder(text, profile.citizen, values);
  PageData fields{PageData::type::list};
  for (const FormField& f : s.form.fields) fields.push_back(field_row(text, s.form, f, s.typed.values, s.problems));
  values.set("fields", fields);
  values.set("empty_gestioni", s.form.type == ApplicationType::ricongiunzione && !s.form.fields.empty() &&
                                     s.form.fields.front().choices.size() < 2);
  values.set("attachments_needed", text(std::string("app_attachments_") + to_string(s.form.type)));
  values.set("attachments_required", s.form.min_attachments > 0);
  std::string attachment_error;
  for (const Error& p : s.problems)
    if (p.field == "attachments") attachment_error += (attachment_error.empty() ? "" : " ") + text.problem(p, s.form);
  values.set("attachments_error", attachment_error.empty() ? PageData(false) : PageData(attachment_error));
  std::string chosen;
  for (const UploadedFile& f : s.typed.files) chosen += (chosen.empty() ? "" : ", ") + f.name;
  values.set("files_again", chosen.empty() ? PageData(false) : PageData(chosen));
  values.set("problems", summary_rows(text, s));
  values.set("has_problems", !s.problems.empty());
  values.set("problem_count", s.problems.size() == 1 ? text("app_summary_one")
                                                      : std::to_string(s.problems.size()) + " " + text("app_summary_many"));
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
  const auto type = type_param(r);
  if (!type) return application_not_found(web, r, *who);
  if (who->session.level != Level::dispositivo) return dispositivo_needed(web, r, *who, *type, http::HttpStatus::ok);
  auto profile = Profile(web.api.ctx).citizen(who->session);
  if (!profile) return application_problem(web, r, *who, profile.error());
  auto form = FileApplication(web.api.ctx).form(who->session, *type);
  if (!form) return application_problem(web, r, *who, form.error());
  const Typed typed{{}, {}, random_token(), {}};
  return form_page(web, r, *who, *profile, {*form, typed, {}});
}

Response file(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto type = type_param(r);
  if (!type) return application_not_found(web, r, *who);
  FileApplication filing(web.api.ctx);
  auto form = filing.form(who->session, *type);
  if (!form) return application_problem(web, r, *who, form.error());
  auto typed = typed_of(r, *form);
  if (!typed || !genuine_session_post(r, *who, {{"csrf", typed->csrf}})) return redirect(r, form_path(*type));
  std::vector<Error> problems;
  auto filed = filing.run(who->session, {*type, typed->values, typed->files, typed->key}, problems);
  if (filed) return redirect(r, application_path(filed->application.id) + "?esito=presentata");

  const Error& error = filed.error();
  if (error.code == "dispositivo-required") return dispositivo_needed(web, r, *who, *type, http::HttpStatus::forbidden);
  if (error.kind != ErrorKind::invalid_input) return application_problem(web, r, *who, error);
  // The flow lists every field's problem; a refusal of the attachments or of the key may come alone.
  const bool listed = std::any_of(problems.begin(), problems.end(),
                                  [&](const Error& p) { return p.code == error.code && p.field == error.field; });
  if (!listed && error.code != "application-invalid") problems.push_back(error);
  if (error.code == "idempotency-key-invalid") typed->key = random_token();
  auto profile = Profile(web.api.ctx).citizen(who->session);
  if (!profile) return application_problem(web, r, *who, profile.error());
  return form_page(web, r, *who, *profile, {*form, *typed, problems}, http::HttpStatus::unprocessable_entity);
}

}  // namespace

void add_application_form_pages(http::Router& router, Web& web) {
  using http::Verb;
  const std::string path = std::string(kApplicationsPath) + "/nuova/{type}";
  // Room for every attachment somewhat over its limit, so that each gets its own clear message.
  const std::uint64_t body_limit = kMaxAttachments * (web.api.ctx.policies.max_attachment_bytes + 1024 * 1024) + 1024 * 1024;
  router.add({Verb::get, path, [&web](Request& r) { return new_form(web, r); }});
  router.add({Verb::post, path, [&web](Request& r) { return file(web, r); }, true, body_limit});
}

}  // namespace sportello::web
