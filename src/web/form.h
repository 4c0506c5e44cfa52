#pragma once
// A form's fields as pages show them: each with its label (from the catalogue), what was typed and, when
// a flow refused it, the error next to it; the texts of error codes; the applicant's data read from a form
// (request, phone request, office issuance share the same field names).
#include <map>
#include <optional>
#include <span>
#include <string>

#include "core/result.h"
#include "flows/applicant.h"
#include "web/locale.h"
#include "web/pages.h"

namespace sportello::web {

using Fields = std::map<std::string, std::string>;

struct FieldSpec {
  const char* name;          // form name and id; its label is the text "field_<name>"
  const char* type;          // input type
  const char* autocomplete;
  const char* help = nullptr;  // the text key of a hint under the field
};

// The typed value of `name`, empty when absent.
std::string value_of(const Fields& fields, const std::string& name);

// The reader's text for an error code ("error_<code>"), or a general one when the code has none.
std::string error_text(const Texts& t, Language language, const Error& e);

// Rows {name, type, autocomplete, label, value, help, error} for a template's {{#fields}} loop; a field's
// label is the text "<label_prefix><name>".
PageData field_rows(const Texts& t, Language language, std::span<const FieldSpec> shown, const Fields& typed,
                    const std::optional<Error>& error, const std::string& label_prefix = "field_");
// Rows {name, value} to carry fields in hidden inputs.
PageData hidden_rows(std::span<const FieldSpec> carried, const Fields& typed);
// True when `error` names one of `fields`.
bool names_one_of(std::span<const FieldSpec> fields, const std::optional<Error>& error);

// The generic form page (templates/form.mustache): title, lead, the fields with what was typed, the error
// next to its field (on top when it names none of them), fields carried hidden from an earlier step.
struct FormPage {
  const char* title;                 // text keys
  const char* lead;
  const char* submit;
  std::string action;
  std::span<const FieldSpec> fields;
  std::span<const FieldSpec> carried = {};
};
PageData form_values(const Texts& t, Language language, const FormPage& page, const Fields& typed,
                     const std::optional<Error>& error);

// The notice page (templates/notice.mustache): a title, paragraphs and links, all text keys; an error on top.
struct Link {
  const char* href;
  const char* text;  // text key
};
PageData notice_values(const Texts& t, Language language, const char* title, std::initializer_list<const char*> paragraphs,
                       std::initializer_list<Link> links, const std::optional<Error>& error = std::nullopt);

// The applicant fields: codice_fiscale, street, number, cap, comune, province, surname, name, sex,
// birth_date, birth_place, birth_province, mobile, email, pec, pec_cittadino, home_phone, office_phone, fax.
ApplicantInput applicant_from(const Fields& fields);

}  // namespace sportello::web
