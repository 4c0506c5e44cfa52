#pragma once
// Forms that carry files (multipart/form-data): an application (the citizen's own, a patronato's on a citizen's
// behalf, the contact centre's for a caller) and a signed mandate. The reader answers 415 for another content
// type and 400 for malformed data; the caller takes its own fields out of `others`.
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "flows/flow_context.h"
#include "flows/services/file_application.h"
#include "http/message.h"
#include "http/multipart.h"

namespace sportello::http {

// The body limit of a route that takes an application: five files of the largest attachment, plus the form's
// fields and the multipart framing.
inline std::uint64_t application_upload_limit(const FlowPolicies& policies) {
  return kMaxAttachments * policies.max_attachment_bytes + 256 * 1024;
}

// The form's parts, or the problem to answer.
std::variant<std::vector<FormPart>, Response> read_form_upload(const Request& r, const char* what);

// An application from its parts: `type`, `idempotency_key` (or the Idempotency-Key header), files in
// `attachments`, and every other part a field of the form, except the names in `apart`, which are kept in
// `others`.
struct ApplicationUpload {
  ApplicationDraft draft;
  std::multimap<std::string, std::string> others;
};
// The draft, or the problem (application-type-unknown) to answer.
std::variant<ApplicationUpload, Response> read_application_upload(const Request& r,
                                                                  std::initializer_list<std::string_view> apart = {});

// The first value of `name` in `others` ("" when absent), and every value.
std::string first_value(const std::multimap<std::string, std::string>& others, const std::string& name);
std::vector<std::string> all_values(const std::multimap<std::string, std::string>& others, const std::string& name);

}  // namespace sportello::http
