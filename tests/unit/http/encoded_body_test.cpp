// A ready answer: gzip only for clients that accept it (RFC 9110 weights, codings in any case), 304 for a
// client that has it (weak comparison, as If-None-Match wants),
// and never kept by shared caches.
#include "http/encoded_body.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace sportello::http {
namespace {

std::string gunzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

Response answer(const EncodedBody& body, std::map<beast_http::field, std::string> headers) {
  RawRequest raw{Verb::get, "/api/v1/me/contributions", 11};
  for (const auto& [name, value] : headers) raw.set(name, value);
  return respond_with(Request{raw, "/api/v1/me/contributions", {}, {}, "127.0.0.1", false}, body);
}

std::string json_record() {
  std::string body = "{\"periods\":[";
  for (int i = 0; i < 540; ++i) body += "{\"from\":\"1990-01-01\",\"employer_name\":\"Edilnova Costruzioni S.r.l.\"},";
  return body + "{}]}";
}

TEST(EncodedBody, GzipIsSentOnlyToClientsThatAcceptIt) {
  const auto body = encode_body(json_record(), "application/json");
  EXPECT_LT(body->gzip.size() * 10, body->identity.size()) << "a repetitive record shrinks tenfold";
  EXPECT_EQ(gunzip(body->gzip), body->identity);
  struct Case { const char* accept; bool gzip; };
  const Case cases[] = {{"", false},           {"gzip", true},       {"deflate, gzip;q=0.8", true},
                        {"gzip;q=0", false},   {"gzip; q=0.0", false}, {"*", true},
                        {"*;q=0", false},      {"br, *", true},      {"gzip;q=0, *", false},
                        {"identity", false},   {"x-gzip", true},     {"GZIP;q=1", true}};
  for (const Case& c : cases) {
    const Response r = answer(*body, c.accept[0] ? std::map<beast_http::field, std::string>{{beast_http::field::accept_encoding, c.accept}}
                                                 : std::map<beast_http::field, std::string>{});
    EXPECT_EQ(r.result(), HttpStatus::ok);
    EXPECT_EQ(r[beast_http::field::content_encoding] == "gzip", c.gzip) << c.accept;
    EXPECT_EQ(r.body(), c.gzip ? body->gzip : body->identity) << c.accept;
    EXPECT_EQ(r[beast_http::field::vary], "Accept-Encoding");
    EXPECT_EQ(r[beast_http::field::cache_control], "private, no-cache");
  }
}

TEST(EncodedBody, AClientThatHasTheBodyGetsNotModified) {
  const auto body = encode_body(json_record(), "application/json");
  const std::string etag = body->etag;
  EXPECT_EQ(etag.size(), 34u);
  for (const std::string& header : std::vector<std::string>{etag, "\"other\", " + etag, "*", "W/" + etag}) {
    const Response r = answer(*body, {{beast_http::field::if_none_match, header}});
    EXPECT_EQ(r.result(), HttpStatus::not_modified) << header;
    EXPECT_TRUE(r.body().empty());
    EXPECT_EQ(r[beast_http::field::etag], etag);
  }
  const Response changed = answer(*body, {{beast_http::field::if_none_match, "\"" + std::string(32, '0') + "\""}});
  EXPECT_EQ(changed.result(), HttpStatus::ok);
  EXPECT_NE(encode_body(json_record() + " ", "application/json")->etag, etag);
}

}  // namespace
}  // namespace sportello::http
