#include "http/api/form_upload.h"

#include <algorithm>

#include "http/problem.h"

namespace sportello::http {

std::variant<std::vector<FormPart>, Response> read_form_upload(const Request& r, const char* what) {
  const auto boundary = multipart_boundary(r.header(beast_http::field::content_type));
  if (!boundary)
    return problem_response(HttpStatus::unsupported_media_type, "unsupported-media-type",
                            std::string("Send ") + what + " as multipart/form-data.", r.raw.version());
  auto parts = parse_multipart(r.body(), *boundary);
  if (!parts) return problem_response(HttpStatus::bad_request, "malformed-multipart", "The form data is malformed.", r.raw.version());
  return std::move(*parts);
}

std::variant<ApplicationUpload, Response> read_application_upload(const Request& r,
                                                                  std::initializer_list<std::string_view> apart) {
  auto parts = read_form_upload(r, "the application");
  if (auto* problem = std::get_if<Response>(&parts)) return std::move(*problem);
  ApplicationUpload upload;
  upload.draft.idempotency_key = r.header("Idempotency-Key");
  std::string type;
  for (FormPart& p : std::get<std::vector<FormPart>>(parts)) {
    if (p.name == "attachments") upload.draft.files.push_back({std::move(p.filename), std::move(p.data)});
    else if (p.name == "type") type = std::move(p.data);
    else if (p.name == "idempotency_key") upload.draft.idempotency_key = std::move(p.data);
    else if (std::find(apart.begin(), apart.end(), p.name) != apart.end()) upload.others.emplace(p.name, std::move(p.data));
    else upload.draft.values.emplace(p.name, std::move(p.data));
  }
  const auto parsed = parse_application_type(type);
  if (!parsed)
    return problem_response(Error::invalid("application-type-unknown", "Unknown application type.", "type"), r.raw.version());
  upload.draft.type = *parsed;
  return upload;
}

std::string first_value(const std::multimap<std::string, std::string>& others, const std::string& name) {
  const auto found = others.find(name);
  return found == others.end() ? "" : found->second;
}

std::vector<std::string> all_values(const std::multimap<std::string, std::string>& others, const std::string& name) {
  std::vector<std::string> values;
  for (auto [it, end] = others.equal_range(name); it != end; ++it) values.push_back(it->second);
  return values;
}

}  // namespace sportello::http
