// A whole HTTP request as it arrives on a connection, and every header the server reads from it. The bytes go
// through Beast's request parser with the server's limits (http/server.cpp: 16 KiB of header, a body limit);
// a request that parses is then read as the handlers read it:
//   - the target: path and query decoded as server.cpp's parse_target does (Boost.URL origin-form), the path
//     matched against routes with {captures} (http/router.h);
//   - Cookie: every cookie the server reads (http/cookie.h), the sealed ones opened as the contact and request
//     pages open them (core/secret_box.h);
//   - the language: ?lang=, the `lang` cookie and Accept-Language (web/locale.h);
//   - Accept-Encoding and If-None-Match for the ready answers (http/encoded_body.h);
//   - Content-Type with its multipart boundary (http/multipart.h), Authorization's bearer token.
//
// Properties beyond "no crash": a route's captures are non-empty path segments; a cookie's value holds no ';';
// a 304 is only answered to an If-None-Match naming the ETag (or '*'); gzip only to an Accept-Encoding that
// allows it.
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <string>

#include "core/secret_box.h"
#include "fuzz_support.h"
#include "http/cookie.h"
#include "http/encoded_body.h"
#include "http/multipart.h"
#include "http/router.h"
#include "web/locale.h"

namespace {

using namespace sportello;
using namespace sportello::http;

constexpr std::size_t kHeaderLimit = 16 * 1024;  // ServerOptions::header_limit
constexpr std::size_t kBodyLimit = 64 * 1024;

// Cookies the server reads (http/api/auth.h, web/page_request.h, web/console_session.h, contact and request pages).
constexpr const char* kCookies[] = {"__Host-sportello", "__Host-sportello-form", "__Host-sportello-staff", "lang",
                                    "__Secure-sportello-contact", "__Secure-sportello-request"};
constexpr const char* kSealedCookies[] = {"__Secure-sportello-contact", "__Secure-sportello-request"};

// A sample of the product's route patterns: literals, one capture, several, a capture then literals.
const Router& router() {
  static const Router r = [] {
    Router built;
    const Handler none = [](Request&) { return Response{}; };
    for (const char* pattern :
         {"/", "/healthz", "/api/v1/me", "/api/v1/sessions/current", "/api/v1/cu/{year}", "/api/v1/cu/{year}/pdf",
          "/api/v1/pension-slips/{month}/pdf", "/api/v1/pin-requests/{codice_fiscale}/confirmation",
          "/api/v1/me/applications/{id}/attachments/{attachment}", "/api/v1/me/application-forms/{type}",
          "/area-riservata/cu/{year}/pdf", "/operatori/richieste/{codice_fiscale}/conferma", "/assets/{name}",
          "/static/{a}/{b}/{c}/{d}"}) {
      built.add({Verb::get, pattern, none});
      built.add({Verb::post, pattern, none});
    }
    return built;
  }();
  return r;
}

const SecretBox& box() {
  static const SecretBox b = SecretBox::from_key(std::string(SecretBox::kKeyBytes, '\x42')).value();
  return b;
}

const EncodedBody& ready_answer() {
  static const std::shared_ptr<const EncodedBody> body =
      encode_body(std::string(2000, '{') + "\"contributions\":[]}", "application/json");
  return *body;
}

// server.cpp's parse_target: the origin-form target's decoded path and query.
bool read_target(std::string_view target, std::string& path, std::map<std::string, std::string>& query) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  path = parsed->path();
  for (auto param : parsed->params()) query[param.key] = param.value;
  return true;
}

void route(Verb method, const std::string& path) {
  const Match match = router().match(method, path);
  if (match.route) FUZZ_CHECK(match.path_known, path);
  for (const auto& [name, value] : match.params)
    FUZZ_CHECK(!value.empty() && value.find('/') == std::string::npos, name + "=" + value);
}

void cookies(const Request& request) {
  const std::string header = request.header(beast_http::field::cookie);
  for (const char* name : kCookies) {
    const std::string value = cookie_value(header, name);
    FUZZ_CHECK(value.find(';') == std::string::npos, value);
  }
  for (const char* name : kSealedCookies) {
    auto opened = box().open(cookie_value(header, name));
    if (!opened) FUZZ_CHECK(opened.error().kind == ErrorKind::invalid_input, opened.error().code);
  }
}

void language(const Request& request) {
  const auto chosen = request.query.find("lang");
  (void)web::choose_language(chosen == request.query.end() ? "" : chosen->second,
                             cookie_value(request.header(beast_http::field::cookie), "lang"),
                             request.header(beast_http::field::accept_language));
}

void ready(const Request& request) {
  const Response response = respond_with(request, ready_answer());
  const std::string if_none_match = request.header(beast_http::field::if_none_match);
  if (response.result() == HttpStatus::not_modified)
    FUZZ_CHECK(if_none_match == "*" || if_none_match.find(ready_answer().etag) != std::string::npos, if_none_match);
  if (response[beast_http::field::content_encoding] == "gzip") {
    const std::string accept = request.header(beast_http::field::accept_encoding);
    FUZZ_CHECK(accept.find_first_of("gG*") != std::string::npos, accept);
  }
}

void content(const Request& request) {
  if (const auto boundary = multipart_boundary(request.header(beast_http::field::content_type)))
    (void)parse_multipart(request.body(), *boundary);
  const std::string authorization = request.header(beast_http::field::authorization);
  if (authorization.starts_with("Bearer ")) (void)authorization.substr(7);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)router();
  (void)box();
  (void)ready_answer();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  beast_http::request_parser<beast_http::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(kBodyLimit);
  parser.eager(true);
  boost::system::error_code ec;
  std::string_view rest = fuzz::as_text(data, size);
  while (!rest.empty() && !parser.is_done()) {
    const std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    if (ec == beast_http::error::need_more) ec = {};
    if (ec || used == 0) break;
    rest.remove_prefix(used);
  }
  if (!ec && !parser.is_done() && parser.need_eof()) parser.put_eof(ec);
  if (ec || !parser.is_header_done()) return 0;

  const RawRequest& raw = parser.get();
  std::string path;
  std::map<std::string, std::string> query;
  if (!read_target(raw.target(), path, query)) return 0;
  route(raw.method(), path);
  const Request request{raw, path, std::move(query), {}, "192.0.2.1"};
  cookies(request);
  language(request);
  ready(request);
  content(request);
  return 0;
}
