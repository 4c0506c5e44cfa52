// The applications' words and the rows both the citizen's and the back office's pages show (see
// applications_pages.h).
#include "http/api/auth.h"
#include "web/applications_format.h"
#include "web/applications_pages.h"
#include "web/form.h"

namespace sportello::web {
namespace {

void replace_all(std::string& text, const std::string& what, const std::string& with) {
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
}

const FormField* field_named(const ApplicationForm& form, const std::string& name) {
  for (const FormField& f : form.fields)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

std::string ApplicationsText::type_name(ApplicationType type) const {
  return (*this)(std::string("app_type_") + to_string(type));
}

std::string ApplicationsText::state_name(ApplicationState state) const {
  return (*this)(std::string("app_state_") + to_string(state));
}

std::string ApplicationsText::field_label(const std::string& field) const { return (*this)("app_field_" + field); }

std::string ApplicationsText::choice_label(const std::string& field, const std::string& value) const {
  // The gestioni are the contribution record's own words.
  if (field == "gestioni" || field == "gestione_destinazione") return (*this)("records_gestione_" + value);
  const std::string key = "app_choice_" + field + "_" + value;
  return has(key) ? (*this)(key) : value;
}

std::string ApplicationsText::value(const FormField& field, const std::string& stored) const {
  if (field.kind == FieldKind::choice || field.kind == FieldKind::choices) return choice_label(field.name, stored);
  return display_value(field.kind, stored, language_);
}

std::string ApplicationsText::when(Instant at) const { return format_datetime(at, language_); }

std::string ApplicationsText::day(Instant at) const {
  return display_value(FieldKind::date, sportello::format_date(rome_date(at)), language_);
}

std::string ApplicationsText::problem(const Error& error, const ApplicationForm& form) const {
  const std::string key = "app_error_" + error.code;
  std::string text = has(key) ? (*this)(key) : error_text(texts_, language_, error);
  if (const FormField* f = field_named(form, error.field)) {
    replace_all(text, "{min}", std::to_string(f->min));
    replace_all(text, "{max}", std::to_string(f->max));
  }
  const auto subject = problem_subject(error);
  if (text.find("{value}") != std::string::npos) replace_all(text, "{value}", subject.value_or(""));
  else if (subject) text = *subject + ": " + text;
  return text;
}

const char* state_badge(ApplicationState state) {
  switch (state) {
    case ApplicationState::inviata: return "bg-primary";
    case ApplicationState::in_istruttoria: return "bg-warning";
    case ApplicationState::accolta: return "bg-success";
    case ApplicationState::respinta: return "bg-danger";
    case ApplicationState::ritirata: return "bg-secondary";
  }
  return "bg-secondary";
}

std::string application_path(std::int64_t id) { return std::string(kApplicationsPath) + "/" + std::to_string(id); }

PageData applications_values(const SignedIn& who, const ApplicationsText& text, const std::string& title, bool in_list) {
  return reserved_page_values(who, title, in_list ? std::nullopt : std::optional<Crumb>(Crumb{kApplicationsPath, text("app_list_title")}));
}

void put_holder(const ApplicationsText& text, const Citizen& c, PageData& values) {
  const Address& home = c.data.residence;
  values.set("holder_name", c.data.name + " " + c.data.surname);
  values.set("holder_surname_name", c.data.surname + " " + c.data.name);
  values.set("holder_codice_fiscale", c.codice_fiscale);
  values.set("holder_birth_date", format_date(c.data.birth_date, text.language()));
  values.set("holder_residence", home.street + " " + home.number + ", " + home.cap + " " + home.comune + " (" + home.province + ")");
  PageData contacts{PageData::type::list};
  for (ContactKind kind : c.contacts.present()) {
    PageData row{PageData::type::object};
    row.set("kind", text(std::string("contact_") + to_string(kind)));
    row.set("value", c.contacts.get(kind));
    contacts.push_back(row);
  }
  values.set("holder_contacts", contacts);
}

PageData data_rows(const ApplicationsText& text, const Application& application) {
  const ApplicationForm form = form_for(application.type, {});
  PageData rows{PageData::type::list};
  for (const ApplicationField& filed : application.fields) {
    const FormField* f = field_named(form, filed.name);
    FormField shown;  // a field the form no longer has is shown as text
    shown.name = filed.name;
    if (f) shown = *f;
    PageData values{PageData::type::list};
    for (const std::string& v : filed.values) {
      PageData one{PageData::type::object};
      one.set("value", text.value(shown, v));
      values.push_back(one);
    }
    PageData row{PageData::type::object};
    row.set("name", filed.name);
    row.set("label", text.field_label(filed.name));
    row.set("values", values);
    rows.push_back(row);
  }
  return rows;
}

PageData timeline_rows(const ApplicationsText& text, const Application& application) {
  PageData rows{PageData::type::list};
  for (const ApplicationEvent& e : application.events) {
    PageData row{PageData::type::object};
    row.set("state", text.state_name(e.state));
    row.set("event", text(std::string("app_event_") + to_string(e.state)));
    row.set("badge", state_badge(e.state));
    row.set("when", text.when(e.at));
    row.set("reason", e.reason.empty() ? PageData(false) : PageData(e.reason));
    rows.push_back(row);
  }
  return rows;
}

PageData attachment_rows(const ApplicationsText& text, const Application& application, const std::string& base) {
  PageData rows{PageData::type::list};
  for (const AttachmentInfo& a : application.attachments) {
    PageData row{PageData::type::object};
    row.set("id", std::to_string(a.id));
    row.set("name", a.name);
    row.set("type", text("app_media_" + std::string(a.media_type == "application/pdf" ? "pdf"
                                                    : a.media_type == "image/png"     ? "png"
                                                                                      : "jpeg")));
    row.set("pdf", a.media_type == "application/pdf");
    row.set("size", file_size(a.size, text.language()));
    row.set("sha256", a.sha256);
    row.set("href", base + "/allegati/" + std::to_string(a.id));
    rows.push_back(row);
  }
  return rows;
}

http::Response application_not_found(Web& web, const http::Request& r, const SignedIn& who) {
  PageData values = notice_values(web.pages.texts(), language_of(r), "app_not_found_title", {"app_not_found_text"},
                                  {{kApplicationsPath, "app_back_to_list"}, {"/area-riservata", "back_reserved"}});
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who.token));
  return render_page(web, r, "notice", values, http::HttpStatus::not_found);
}

http::Response application_problem(Web& web, const http::Request& r, const SignedIn& who, const Error& error) {
  if (error.kind == ErrorKind::not_found) return application_not_found(web, r, who);
  PageData values = notice_values(web.pages.texts(), language_of(r), "app_unavailable_title", {"app_unavailable_text"},
                                  {{"/area-riservata", "back_reserved"}});
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who.token));
  return render_page(web, r, "notice", values, http::HttpStatus::service_unavailable);
}

}  // namespace sportello::web
