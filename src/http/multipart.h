#pragma once
// multipart/form-data bodies (RFC 7578), which browsers use to upload files: the parts, each with its
// form field name, file name, declared type and bytes. Strict: a body that does not follow the boundary
// rules is refused as a whole. Beast parses HTTP messages but not this body format, hence this file.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sportello::http {

struct FormPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string data;
};

// The boundary parameter of a multipart/form-data Content-Type, or nullopt.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// The parts of `body`, or nullopt when it is malformed.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace sportello::http
