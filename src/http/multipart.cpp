#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace sportello::http {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The value of `key="..."` (or key=token) in a header value such as Content-Disposition.
std::string parameter(std::string_view header, std::string_view key) {
  const std::string haystack = lower(header);
  const std::string needle = std::string(key) + "=";
  std::size_t at = 0;
  while ((at = haystack.find(needle, at)) != std::string::npos) {
    const bool starts_word = at == 0 || haystack[at - 1] == ' ' || haystack[at - 1] == ';';
    at += needle.size();
    if (!starts_word) continue;
    if (at < header.size() && header[at] == '"') {
      const std::size_t end = header.find('"', at + 1);
      if (end == std::string_view::npos) return "";
      return std::string(header.substr(at + 1, end - at - 1));
    }
    const std::size_t end = std::min(header.find(';', at), header.size());
    return std::string(header.substr(at, end - at));
  }
  return "";
}

std::optional<FormPart> parse_part(std::string_view part) {
  const std::size_t split = part.find("\r\n\r\n");
  if (split == std::string_view::npos) return std::nullopt;
  FormPart out;
  std::string_view headers = part.substr(0, split);
  out.data = std::string(part.substr(split + 4));
  while (!headers.empty()) {
    const std::size_t eol = std::min(headers.find("\r\n"), headers.size());
    const std::string_view line = headers.substr(0, eol);
    headers.remove_prefix(std::min(eol + 2, headers.size()));
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string name = lower(line.substr(0, colon));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (name == "content-disposition") {
      if (!lower(value).starts_with("form-data")) return std::nullopt;
      out.name = parameter(value, "name");
      out.filename = parameter(value, "filename");
    } else if (name == "content-type") {
      out.content_type = std::string(value);
    }
  }
  if (out.name.empty()) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  if (!lower(content_type).starts_with("multipart/form-data")) return std::nullopt;
  std::string boundary = parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) return std::nullopt;
  return boundary;
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  if (!body.starts_with(delimiter)) return std::nullopt;
  std::vector<FormPart> parts;
  std::size_t at = delimiter.size();
  for (;;) {
    if (body.substr(at).starts_with("--")) return parts;  // the closing delimiter
    if (!body.substr(at).starts_with("\r\n")) return std::nullopt;
    at += 2;
    const std::size_t next = body.find("\r\n" + delimiter, at);
    if (next == std::string_view::npos) return std::nullopt;
    auto part = parse_part(body.substr(at, next - at));
    if (!part) return std::nullopt;
    parts.push_back(std::move(*part));
    at = next + 2 + delimiter.size();
  }
}

}  // namespace sportello::http
