// URL-encoded form bodies (web/form_fields.h): what every web page's POST is read with. The body is decoded as
// application/x-www-form-urlencoded ('+' a space, %XX bytes, a repeated name keeping its last value).
//
// Properties beyond "no crash": a body the reader accepts decodes to the same fields when sent again in the
// canonical encoding Boost.URL writes for them; a body under another Content-Type is never read.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <string>

#include "fuzz_support.h"
#include "web/form_fields.h"

namespace {

using namespace sportello;
using namespace sportello::http;

std::optional<std::map<std::string, std::string>> read_form(const std::string& content_type, std::string_view body) {
  RawRequest raw{Verb::post, "/richiedi-pin", 11};
  raw.set(beast_http::field::content_type, content_type);
  raw.body().assign(body.data(), body.size());
  const Request request{raw, "/richiedi-pin", {}, {}, "192.0.2.1"};
  return web::form_fields(request);
}

std::string encoded(const std::map<std::string, std::string>& fields) {
  std::string body;
  for (const auto& [key, value] : fields) {
    if (!body.empty()) body += '&';
    body += boost::urls::encode(key, boost::urls::unreserved_chars);
    body += '=';
    body += boost::urls::encode(value, boost::urls::unreserved_chars);
  }
  return body;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);
  const auto fields = read_form("application/x-www-form-urlencoded", body);
  if (fields) {
    const auto again = read_form("application/x-www-form-urlencoded; charset=UTF-8", encoded(*fields));
    FUZZ_CHECK(again && *again == *fields, encoded(*fields));
  }
  FUZZ_CHECK(!read_form("multipart/form-data; boundary=x", body), std::string(body));
  return 0;
}
