#include "web/form.h"

#include <algorithm>

#include "core/typed_date.h"

namespace sportello::web {

std::string value_of(const Fields& fields, const std::string& name) {
  const auto found = fields.find(name);
  return found == fields.end() ? "" : found->second;
}

namespace {

// A wait in the largest whole unit that still says enough: "20 giorni", "5 ore", "12 minuti" (rounded up).
std::string wait_words(const Texts& t, Language language, Seconds wait) {
  const long long s = wait.count();
  const auto say = [&](long long n, const char* one, const char* many) {
    return std::to_string(n) + " " + t.get(language, n == 1 ? one : many);
  };
  if (s > 2 * 86400) return say((s + 86399) / 86400, "day", "days");
  if (s > 2 * 3600) return say((s + 3599) / 3600, "hour", "hours");
  return say(std::max(1LL, (s + 59) / 60), "minute", "minutes");
}

}  // namespace

std::string error_text(const Texts& t, Language language, const Error& e) {
  const std::string by_code = t.get(language, "error_" + e.code);
  std::string text = by_code != "error_" + e.code ? by_code : t.get(language, "error_field_generic");
  if (const auto at = text.find("{{wait}}"); at != std::string::npos)
    text.replace(at, 8, wait_words(t, language, e.retry_after));
  return text;
}

namespace {

// The texts of every problem naming `name`, joined; false when there is none.
PageData errors_of(const Texts& t, Language language, const std::vector<Error>& problems, const std::string& name) {
  std::string joined;
  for (const Error& p : problems)
    if (p.field == name) joined += (joined.empty() ? "" : " ") + error_text(t, language, p);
  return joined.empty() ? PageData(false) : PageData(joined);
}

PageData options_of(const Texts& t, Language language, const FieldSpec& spec, const std::string& label,
                    const std::string& typed) {
  PageData options{PageData::type::list};
  for (const char* value : spec.choices) {
    PageData option{PageData::type::object};
    const bool first = value == spec.choices.front();
    option.set("id", first ? std::string(spec.name) : std::string(spec.name) + "-" + value);
    option.set("value", value);
    option.set("label", t.get(language, label + "_" + value));
    option.set("checked", typed == value);
    options.push_back(option);
  }
  return options;
}

}  // namespace

PageData field_rows(const Texts& t, Language language, std::span<const FieldSpec> shown, const Fields& typed,
                    const std::vector<Error>& problems, const std::string& label_prefix, const Suggestions& suggestions) {
  PageData rows{PageData::type::list};
  for (const FieldSpec& spec : shown) {
    PageData row{PageData::type::object};
    const std::string label_key = label_prefix + spec.name;
    const bool choice = !spec.choices.empty();
    row.set("name", spec.name);
    row.set("type", spec.type);
    row.set("autocomplete", spec.autocomplete);
    row.set("label", t.get(language, label_key));
    // Every key is set on the row: mustache would look a missing one up in the page (its "error" on top).
    row.set("value", std::string_view(spec.type) == "password" ? std::string() : value_of(typed, spec.name));
    row.set("help", spec.help ? PageData(t.get(language, spec.help)) : PageData(false));
    row.set("error", errors_of(t, language, problems, spec.name));
    const auto offered = suggestions.find(spec.name);
    row.set("suggestion", offered == suggestions.end() ? PageData(false) : PageData(offered->second));
    row.set("choice", choice);
    row.set("options", choice ? options_of(t, language, spec, label_key, value_of(typed, spec.name)) : PageData(false));
    rows.push_back(row);
  }
  return rows;
}

PageData field_rows(const Texts& t, Language language, std::span<const FieldSpec> shown, const Fields& typed,
                    const std::optional<Error>& error, const std::string& label_prefix) {
  return field_rows(t, language, shown, typed, error ? std::vector<Error>{*error} : std::vector<Error>{}, label_prefix);
}

Suggestions birth_place_suggestions(const BelfioreRegistry& places, const Fields& typed, const std::vector<Error>& problems,
                                    Date today) {
  const bool unknown = std::any_of(problems.begin(), problems.end(), [](const Error& p) { return p.code == "unknown-birth-place"; });
  if (!unknown) return {};
  const Date on = parse_typed_date(value_of(typed, "birth_date")).value_or(today);
  std::string names;
  for (const BirthPlace& place : places.near_misses(value_of(typed, "birth_place"), on, 3))
    names += (names.empty() ? "" : ", ") + place.name + (place.foreign ? "" : " (" + place.province + ")");
  if (names.empty()) return {};
  return {{"birth_place", names}};
}

void problem_summary(PageData& values, const Texts& t, Language language, std::initializer_list<FieldGroup> groups,
                     const std::vector<Error>& problems) {
  PageData rows{PageData::type::list};
  for (const Error& p : problems) {
    PageData row{PageData::type::object};
    std::string label;
    for (const FieldGroup& group : groups)
      if (label.empty() && names_one_of(group.fields, p)) label = t.get(language, group.label_prefix + p.field);
    row.set("href", label.empty() ? PageData(false) : PageData("#" + p.field));
    row.set("text", (label.empty() ? "" : label + ": ") + error_text(t, language, p));
    rows.push_back(row);
  }
  values.set("has_problems", !problems.empty());
  // An allowance spent is nothing to correct: the person waits (issue 15).
  const bool waiting = problems.size() == 1 && problems.front().kind == ErrorKind::limited;
  values.set("problem_count", waiting                ? t.get(language, "form_summary_wait")
                              : problems.size() == 1 ? t.get(language, "form_summary_one")
                                                     : std::to_string(problems.size()) + " " + t.get(language, "form_summary_many"));
  values.set("problems", rows);
}

std::vector<Error> problems_with(std::vector<Error> problems, const Error& refusal) {
  const bool listed = std::any_of(problems.begin(), problems.end(),
                                  [&](const Error& p) { return p.code == refusal.code && p.field == refusal.field; });
  if (!listed) problems.push_back(refusal);
  return problems;
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
                     const std::vector<Error>& problems) {
  PageData values{PageData::type::object};
  values.set("title", t.get(language, page.title));
  if (page.lead) values.set("lead", t.get(language, page.lead));
  values.set("submit", t.get(language, page.submit));
  values.set("action", page.action);
  values.set("fields", field_rows(t, language, page.fields, typed, problems));
  values.set("carried", hidden_rows(page.carried, typed));
  std::vector<Error> on_fields;
  std::string elsewhere;
  for (const Error& p : problems)
    if (names_one_of(page.fields, p)) on_fields.push_back(p);
    else elsewhere += (elsewhere.empty() ? "" : " ") + error_text(t, language, p);
  problem_summary(values, t, language, {{page.fields}}, on_fields);
  if (!elsewhere.empty()) values.set("error", elsewhere);
  return values;
}

PageData form_values(const Texts& t, Language language, const FormPage& page, const Fields& typed,
                     const std::optional<Error>& error) {
  return form_values(t, language, page, typed, error ? std::vector<Error>{*error} : std::vector<Error>{});
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
