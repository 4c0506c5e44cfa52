#include "http/encoded_body.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "core/digest.h"

namespace sportello::http {
namespace {

std::string gzip_of(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return done == Z_STREAM_END ? out : std::string();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The weight of one Accept-Encoding item ("gzip;q=0.5" -> 0.5; no q -> 1; unreadable -> 0).
double weight_of(std::string_view params) {
  for (std::size_t at = 0; at < params.size();) {
    std::size_t end = params.find(';', at);
    if (end == std::string_view::npos) end = params.size();
    const std::string_view param = trim(params.substr(at, end - at));
    at = end + 1;
    if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      double q = 0;
      const auto [ptr, ec] = std::from_chars(param.data() + 2, param.data() + param.size(), q);
      return ec == std::errc{} && ptr == param.data() + param.size() ? q : 0;
    }
  }
  return 1;
}

// Whether Accept-Encoding (RFC 9110 §12.5.3) allows gzip: named with a weight above 0, or "*" above 0 and
// gzip not named.
bool accepts_gzip(std::string_view header) {
  std::optional<double> gzip, star;
  for (std::size_t at = 0; at < header.size();) {
    std::size_t end = header.find(',', at);
    if (end == std::string_view::npos) end = header.size();
    const std::string_view item = trim(header.substr(at, end - at));
    at = end + 1;
    const std::size_t semi = item.find(';');
    const std::string_view coding = trim(item.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1 : weight_of(item.substr(semi + 1));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) gzip = q;
    else if (coding == "*") star = q;
  }
  return gzip ? *gzip > 0 : star && *star > 0;
}

bool etag_matches(std::string_view header, const std::string& etag) {
  if (header == "*") return true;
  std::size_t at = 0;
  while ((at = header.find(etag, at)) != std::string_view::npos) {
    const bool start = at == 0 || header[at - 1] == ' ' || header[at - 1] == ',' || header[at - 1] == '/';
    const std::size_t after = at + etag.size();
    if (start && (after == header.size() || header[after] == ',' || header[after] == ' ')) return true;
    at = after;
  }
  return false;
}

}  // namespace

std::shared_ptr<const EncodedBody> encode_body(std::string body, std::string content_type) {
  auto encoded = std::make_shared<EncodedBody>();
  encoded->content_type = std::move(content_type);
  encoded->gzip = gzip_of(body);
  encoded->etag = "\"" + sha256_hex(body).substr(0, 32) + "\"";
  encoded->identity = std::move(body);
  return encoded;
}

Response respond_with(const Request& request, const EncodedBody& body) {
  const bool not_modified = etag_matches(request.header(beast_http::field::if_none_match), body.etag);
  Response response{not_modified ? HttpStatus::not_modified : HttpStatus::ok, request.raw.version()};
  response.set(beast_http::field::vary, "Accept-Encoding");
  response.set(beast_http::field::cache_control, "private, no-cache");
  response.set(beast_http::field::etag, body.etag);
  if (!not_modified) {
    response.set(beast_http::field::content_type, body.content_type);
    if (!body.gzip.empty() && accepts_gzip(request.header(beast_http::field::accept_encoding))) {
      response.set(beast_http::field::content_encoding, "gzip");
      response.body() = body.gzip;
    } else {
      response.body() = body.identity;
    }
  }
  response.prepare_payload();
  return response;
}

}  // namespace sportello::http
