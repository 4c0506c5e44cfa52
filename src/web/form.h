#pragma once
// A form's fields as pages show them: each with its label (from the catalogue), what was typed and, when
// a flow refused it, every problem at once (GOV.UK pattern): each next to its field, marked aria-invalid and
// described by it, and all in a summary on top that links to each field; the texts of error codes; the
// applicant's data read from a form (request, phone request, office issuance share the same field names).
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/belfiore.h"
#include "core/result.h"
#include "flows/applicant.h"
#include "web/locale.h"
#include "web/pages.h"

namespace sportello::web {

using Fields = std::map<std::string, std::string>;

struct FieldSpec {
  const char* name;          // form name and id; its label is the text "field_<name>"
  const char* type;          // input type, or "radio": a group of `choices` in a fieldset, the label its legend
  const char* autocomplete;
  const char* help = nullptr;  // the text key of a hint under the field
  std::span<const char* const> choices = {};  // a radio group's values; each one's label is "<label>_<value>"
};

// The sexes of the codice fiscale, as a choice (Femmina / Maschio).
inline constexpr const char* kSexChoices[] = {"F", "M"};

// The fields of one part of a page and the prefix of their labels' text keys.
struct FieldGroup {
  std::span<const FieldSpec> fields;
  const char* label_prefix = "field_";
};

// The typed value of `name`, empty when absent.
std::string value_of(const Fields& fields, const std::string& name);

// The reader's text for an error code ("error_<code>"), or a general one when the code has none.
std::string error_text(const Texts& t, Language language, const Error& e);

// Rows {name, type, autocomplete, label, value, help, error, suggestion, choice, options} for a template's {{#fields}}
// loop (templates/_fields.mustache); a field's label is the text "<label_prefix><name>"; `error` joins the
// texts of every problem naming the field. A radio group (choice) lists options {id, value, label, checked};
// the first option's id is the field's name, so "#<name>" reaches the group.
// Names offered under a field whose value matched nothing ("Forse intendeva: AFGHANISTAN?"), by field.
using Suggestions = std::map<std::string, std::string>;
PageData field_rows(const Texts& t, Language language, std::span<const FieldSpec> shown, const Fields& typed,
                    const std::vector<Error>& problems, const std::string& label_prefix = "field_",
                    const Suggestions& suggestions = {});
// For an unknown-birth-place problem: the registry's places nearest to the typed birth place, valid on the
// typed birth date (else `today`), as "AFGHANISTAN" or "SANREMO (IM)"; nothing when none is near.
Suggestions birth_place_suggestions(const BelfioreRegistry& places, const Fields& typed, const std::vector<Error>& problems,
                                    Date today);
// The same with at most one error (pages whose flow reports one problem).
PageData field_rows(const Texts& t, Language language, std::span<const FieldSpec> shown, const Fields& typed,
                    const std::optional<Error>& error, const std::string& label_prefix = "field_");

// Sets the values of templates/_app_error_summary.mustache: has_problems, problem_count ("C'è un dato da
// correggere" / "3 dati da correggere") and problems {href, text}: "Label: error" linking to "#<field>" for a
// problem on a field of `groups`, the bare error text (no link) for one on no field shown.
void problem_summary(PageData& values, const Texts& t, Language language, std::initializer_list<FieldGroup> groups,
                     const std::vector<Error>& problems);
// The problems to show for a flow's refusal: `problems` as the flow listed them, plus `refusal` when the
// list does not hold it already (a refusal that names no field, or comes alone).
std::vector<Error> problems_with(std::vector<Error> problems, const Error& refusal);
// Rows {name, value} to carry fields in hidden inputs.
PageData hidden_rows(std::span<const FieldSpec> carried, const Fields& typed);
// True when `error` names one of `fields`.
bool names_one_of(std::span<const FieldSpec> fields, const std::optional<Error>& error);

// The generic form page (templates/form.mustache): title, lead, the fields with what was typed, fields
// carried hidden from an earlier step; an error on a field is next to it and in the summary on top (with
// focus), one that names none of the fields is on top ("error", where a page may add its own links).
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
PageData form_values(const Texts& t, Language language, const FormPage& page, const Fields& typed,
                     const std::vector<Error>& problems);

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
