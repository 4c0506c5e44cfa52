#include "http/file_response.h"

#include <cctype>

namespace sportello::http {
namespace {

Response file_answer(const Request& request, std::string_view media_type, std::string_view disposition, std::string bytes) {
  Response response{HttpStatus::ok, request.raw.version()};
  response.set(beast_http::field::content_type, media_type);
  response.set(beast_http::field::content_disposition, disposition);
  response.set(beast_http::field::cache_control, "no-store");
  response.body() = std::move(bytes);
  response.prepare_payload();
  return response;
}

}  // namespace

std::string content_disposition(bool inline_view, std::string_view filename) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : filename) {
    const bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    ascii += plain ? static_cast<char>(c) : '_';
    // RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded.
    if (std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0x0f];
    }
  }
  return std::string(inline_view ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Response download(const Request& request, std::string_view media_type, std::string_view filename, std::string bytes) {
  return file_answer(request, media_type, content_disposition(false, filename), std::move(bytes));
}

Response uploaded_file(const Request& request, std::string_view media_type, std::string_view filename, std::string bytes,
                       bool inline_view) {
  Response response = file_answer(request, media_type, content_disposition(inline_view, filename), std::move(bytes));
  if (inline_view) {
    response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'; sandbox");
    response.set("X-Frame-Options", "SAMEORIGIN");
  } else {
    response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; sandbox");
  }
  return response;
}

}  // namespace sportello::http
