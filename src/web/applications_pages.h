#pragma once
// What the applications' pages share (issue 10; internal to src/web/application_*.cpp and
// console_applications.cpp): the reader's words for types, states, fields and values; the data as filed,
// the timeline and the attachments as page rows (the citizen's detail and the back office's show the same);
// the answers when an application is not the holder's or cannot be read; the routes each file adds. A
// citizen's application is always reached through the session's own holder (flows/services/
// citizen_applications.h), never by an id alone.
#include <string>

#include "core/error.h"
#include "identity/citizen.h"
#include "services/application.h"
#include "web/page_request.h"

namespace sportello::web {

inline constexpr const char* kApplicationsPath = "/area-riservata/domande";

// The texts of one reader's language, with the applications' words.
class ApplicationsText {
 public:
  ApplicationsText(const Texts& texts, Language language) : texts_(texts), language_(language) {}
  std::string operator()(const std::string& key) const { return texts_.get(language_, key); }
  bool has(const std::string& key) const { return texts_.get(language_, key) != key; }
  Language language() const { return language_; }
  const Texts& texts() const { return texts_; }

  std::string type_name(ApplicationType type) const;    // "NASpI - indennità di disoccupazione"
  std::string state_name(ApplicationState state) const;  // "Inviata", "In istruttoria", ...
  std::string field_label(const std::string& field) const;
  std::string choice_label(const std::string& field, const std::string& value) const;
  // A stored value as the reader reads it (applications_format.h), choices by their label.
  std::string value(const FormField& field, const std::string& stored) const;
  std::string when(Instant at) const;   // "12 marzo 2026, ore 10:15" (Rome)
  std::string day(Instant at) const;    // "12/03/2026" (Rome)
  // The reader's sentence for a problem of `form` (app_error_<code> with {min}, {max}, {value} filled in;
  // otherwise the general error texts).
  std::string problem(const Error& error, const ApplicationForm& form) const;

 private:
  const Texts& texts_;
  Language language_;
};

// The bootstrap-italia badge class of a state ("bg-success" for accolta, ...).
const char* state_badge(ApplicationState state);
// "/area-riservata/domande/42".
std::string application_path(std::int64_t id);

// The values of a citizen's applications page: the session's, the breadcrumb (`title`'s text last, after
// "Le sue domande" unless this is the list itself).
PageData applications_values(const SignedIn& who, const ApplicationsText& text, const std::string& title, bool in_list = true);


// The holder's details, as the citizen's form and the back office's detail show them: holder_name ("Giulia
// Bianchi"), holder_surname_name, holder_codice_fiscale, holder_birth_date, holder_residence and
// holder_contacts [{kind, value}].
void put_holder(const ApplicationsText& text, const Citizen& citizen, PageData& values);

// Rows of the data as filed {label, values: [{value}]}, in the form's order.
PageData data_rows(const ApplicationsText& text, const Application& application);
// Rows of the timeline {state, badge, when, reason, by_citizen}, oldest first.
PageData timeline_rows(const ApplicationsText& text, const Application& application);
// Rows of the attachments {id, name, type, size, sha256, href} under `base` ("/area-riservata/domande/42").
PageData attachment_rows(const ApplicationsText& text, const Application& application, const std::string& base);

// The layout's "not found" page (404) with a link back to the list.
http::Response application_not_found(Web& web, const http::Request& r, const SignedIn& who);
// 404 as above for a not-found error; 503 with a "try later" page for anything else.
http::Response application_problem(Web& web, const http::Request& r, const SignedIn& who, const Error& error);

void add_application_form_pages(http::Router& router, Web& web);    // application_form_page.cpp
void add_application_detail_pages(http::Router& router, Web& web);  // application_detail.cpp

}  // namespace sportello::web
