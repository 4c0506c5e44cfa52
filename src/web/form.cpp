#include "web/form.h"

#include <algorithm>

namespace sportello::web {

std::string value_of(const Fields& fields, const std::string& name) {
  const auto found = fields.find(name);
  return found == fields.end() ? "" : found->second;
}

std::string error_text(const Texts& t, Language language, const Error& e) {
  const std::string by_code = t.get(language, "error_" + e.code);
  return by_code != "error_" + e.code ? by_code : t.get(language, "error_field_generic");
}

PageData field_rows(const Texts& t, Language language, std::span<const FieldSpec> shown, const Fields& typed,
                    const std::optional<Error>& error, const std::string& label_prefix) {
  PageData rows{PageData::type::list};
  for (const FieldSpec& spec : shown) {
    PageData row{PageData::type::object};
    row.set("name", spec.name);
    row.set("type", spec.type);
    row.set("autocomplete", spec.autocomplete);
    row.set("label", t.get(language, label_prefix + spec.name));
    // Every key is set on the row: mustache would look a missing one up in the page (its "error" on top).
    row.set("value", std::string_view(spec.type) == "password" ? std::string() : value_of(typed, spec.name));
    row.set("help", spec.help ? PageData(t.get(language, spec.help)) : PageData(false));
    row.set("error", error && error->field == spec.name ? PageData(error_text(t, language, *error)) : PageData(false));
    rows.push_back(row);
  }
  return rows;
}

PageData hidden_rows(std::span<const FieldSpec> carried, const Fields& typed) {
  PageData rows{PageData::type::list};
  for (const FieldSpec& spec : carried) {
    PageData row{PageData::type::object};
    row.set("name", spec.name);
    row.set("value", value_of(typed, spec.name));
    rows.push_back(row);
  }
  return rows;
}

bool names_one_of(std::span<const FieldSpec> fields, const std::optional<Error>& error) {
  return error && std::any_of(fields.begin(), fields.end(), [&](const FieldSpec& f) { return error->field == f.name; });
}

PageData form_values(const Texts& t, Language language, const FormPage& page, const Fields& typed,
                     const std::optional<Error>& error) {
  PageData values{PageData::type::object};
  values.set("title", t.get(language, page.title));
  if (page.lead) values.set("lead", t.get(language, page.lead));
  values.set("submit", t.get(language, page.submit));
  values.set("action", page.action);
  values.set("fields", field_rows(t, language, page.fields, typed, error));
  values.set("carried", hidden_rows(page.carried, typed));
  if (error && !names_one_of(page.fields, error)) values.set("error", error_text(t, language, *error));
  return values;
}

PageData notice_values(const Texts& t, Language language, const char* title, std::initializer_list<const char*> paragraphs,
                       std::initializer_list<Link> links, const std::optional<Error>& error) {
  PageData values{PageData::type::object};
  values.set("title", t.get(language, title));
  PageData texts{PageData::type::list};
  for (const char* key : paragraphs) texts.push_back(PageData(t.get(language, key)));
  values.set("paragraphs", texts);
  PageData rows{PageData::type::list};
  for (const Link& link : links) {
    PageData row{PageData::type::object};
    row.set("href", link.href);
    row.set("text", t.get(language, link.text));
    rows.push_back(row);
  }
  values.set("links", rows);
  if (error) values.set("error", error_text(t, language, *error));
  return values;
}

ApplicantInput applicant_from(const Fields& f) {
  ApplicantInput in;
  in.codice_fiscale = value_of(f, "codice_fiscale");
  in.street = value_of(f, "street");
  in.number = value_of(f, "number");
  in.cap = value_of(f, "cap");
  in.comune = value_of(f, "comune");
  in.province = value_of(f, "province");
  in.surname = value_of(f, "surname");
  in.name = value_of(f, "name");
  in.sex = value_of(f, "sex");
  in.birth_date = value_of(f, "birth_date");
  in.birth_place = value_of(f, "birth_place");
  in.birth_province = value_of(f, "birth_province");
  in.mobile = value_of(f, "mobile");
  in.email = value_of(f, "email");
  in.pec = value_of(f, "pec");
  in.pec_cittadino = value_of(f, "pec_cittadino");
  in.home_phone = value_of(f, "home_phone");
  in.office_phone = value_of(f, "office_phone");
  in.fax = value_of(f, "fax");
  return in;
}

}  // namespace sportello::web
