// The typed application form's fields, attachments and problems (see application_form_fields.h).
#include "web/application_form_fields.h"

#include <algorithm>

#include "core/random.h"
#include "http/multipart.h"
#include "web/applications_format.h"

namespace sportello::web {
namespace {

bool repeated_lines(const ApplicationForm& form, const std::string& name) {
  for (const FormField& f : form.fields)
    if (f.name == name) return f.kind == FieldKind::codici_fiscali;
  return false;
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

PageData summary_rows(const ApplicationsText& text, const ApplicationForm& form, const std::vector<Error>& problems) {
  PageData rows{PageData::type::list};
  for (const Error& p : problems) {
    PageData row{PageData::type::object};
    std::string href = p.field == "attachments" ? kAttachmentsField : "";
    for (const FormField& f : form.fields)
      if (f.name == p.field) href = anchor_of(f);
    row.set("href", href.empty() ? PageData(false) : PageData("#" + href));
    row.set("text", (href.empty() || p.field == "attachments" ? "" : text.field_label(p.field) + ": ") + text.problem(p, form));
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

std::optional<ApplicationType> application_type_param(const http::Request& r) {
  const auto found = r.params.find("type");
  return found == r.params.end() ? std::nullopt : parse_application_type(found->second);
}

TypedApplication fresh_application() { return TypedApplication{{}, {}, random_token(), {}, {}}; }

std::optional<TypedApplication> typed_application(const http::Request& r, const ApplicationForm& form,
                                                  std::span<const char* const> carried) {
  const auto boundary = http::multipart_boundary(r.header(http::beast_http::field::content_type));
  if (!boundary) return std::nullopt;
  auto parts = http::parse_multipart(r.body(), *boundary);
  if (!parts) return std::nullopt;
  TypedApplication typed;
  for (http::FormPart& part : *parts) {
    if (part.name == "csrf") typed.csrf = part.data;
    else if (part.name == kKeyField) typed.key = part.data;
    else if (std::find(carried.begin(), carried.end(), part.name) != carried.end()) {
      typed.carried.emplace(part.name, std::move(part.data));
    } else if (part.name == kAttachmentsField) {
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

void put_application_form(const ApplicationsText& text, const ApplicationForm& form, const TypedApplication& typed,
                          const std::vector<Error>& problems, PageData& values) {
  values.set("key", typed.key);
  PageData fields{PageData::type::list};
  for (const FormField& f : form.fields) fields.push_back(field_row(text, form, f, typed.values, problems));
  values.set("fields", fields);
  values.set("attachments_needed", text(std::string("app_attachments_") + to_string(form.type)));
  values.set("attachments_required", form.min_attachments > 0);
  std::string attachment_error;
  for (const Error& p : problems)
    if (p.field == "attachments") attachment_error += (attachment_error.empty() ? "" : " ") + text.problem(p, form);
  values.set("attachments_error", attachment_error.empty() ? PageData(false) : PageData(attachment_error));
  std::string chosen;
  for (const UploadedFile& f : typed.files) chosen += (chosen.empty() ? "" : ", ") + f.name;
  values.set("files_again", chosen.empty() ? PageData(false) : PageData(chosen));
  values.set("problems", summary_rows(text, form, problems));
  values.set("has_problems", !problems.empty());
  values.set("problem_count",
             problems.size() == 1 ? text("app_summary_one") : std::to_string(problems.size()) + " " + text("app_summary_many"));
}

std::vector<Error> filing_problems(const Error& error, std::vector<Error> problems, TypedApplication& typed) {
  // The flow lists every field's problem; a refusal of the attachments or of the key may come alone.
  const bool listed = std::any_of(problems.begin(), problems.end(),
                                  [&](const Error& p) { return p.code == error.code && p.field == error.field; });
  if (!listed && error.code != "application-invalid") problems.push_back(error);
  if (error.code == "idempotency-key-invalid") typed.key = random_token();
  return problems;
}

std::uint64_t filing_body_limit(const Web& web) {
  return kMaxAttachments * (web.api.ctx.policies.max_attachment_bytes + 1024 * 1024) + 1024 * 1024;
}

}  // namespace sportello::web
