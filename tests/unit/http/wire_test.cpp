// A small answer laid out in one buffer is, byte for byte, what Beast's writer sends (issue 16).
#include <gtest/gtest.h>

#include <boost/beast/http/write.hpp>

#include <sstream>

#include "http/wire.h"

namespace sportello::http {
namespace {

std::string as_beast_writes_it(const Response& response) {
  std::ostringstream out;
  out << response;
  return out.str();
}

void expect_beasts_bytes(const Response& response) {
  const std::optional<std::string> wire = one_buffer(response);
  ASSERT_TRUE(wire.has_value());
  EXPECT_EQ(*wire, as_beast_writes_it(response));
}

TEST(OneBuffer, AJsonAnswerIsWhatBeastWrites) {
  Response response = json_response(HttpStatus::ok, R"({"name":"Mario"})");
  response.set(beast_http::field::cache_control, "no-store");
  response.keep_alive(true);
  expect_beasts_bytes(response);
  EXPECT_TRUE(one_buffer(response)->starts_with("HTTP/1.1 200 OK\r\n"));
  EXPECT_TRUE(one_buffer(response)->ends_with("\r\n\r\n{\"name\":\"Mario\"}"));
}

TEST(OneBuffer, RepeatedFieldsUnknownFieldsAndTheirOrderAreKept) {
  Response response{HttpStatus::see_other, 11};
  response.insert(beast_http::field::set_cookie, "a=1; Path=/; Secure; HttpOnly");
  response.insert("X-Sportello-Trace", "yes");
  response.insert(beast_http::field::set_cookie, "b=2; Path=/; Secure; HttpOnly");
  response.set(beast_http::field::location, "/area-riservata");
  response.prepare_payload();
  expect_beasts_bytes(response);
}

TEST(OneBuffer, TheHandlersReasonAnEmptyBodyAndHttp10) {
  Response custom{HttpStatus::not_found, 11};
  custom.reason("Non trovato");
  custom.prepare_payload();
  expect_beasts_bytes(custom);
  EXPECT_TRUE(one_buffer(custom)->starts_with("HTTP/1.1 404 Non trovato\r\n"));

  Response empty{HttpStatus::no_content, 11};
  expect_beasts_bytes(empty);

  Response old = json_response(HttpStatus::too_many_requests, "{}", 10);
  expect_beasts_bytes(old);
  EXPECT_TRUE(one_buffer(old)->starts_with("HTTP/1.0 429 Too Many Requests\r\n"));
}

TEST(OneBuffer, ABodyUpToTheLimitGoesWithItsHeaderALargerOneIsLeftToBeast) {
  Response at_limit{HttpStatus::ok, 11};
  at_limit.body().assign(kOneBufferBodyLimit, 'x');
  at_limit.prepare_payload();
  expect_beasts_bytes(at_limit);

  Response over = at_limit;
  over.body().push_back('x');
  over.prepare_payload();
  EXPECT_FALSE(one_buffer(over).has_value());
}

TEST(OneBuffer, AChunkedAnswerIsLeftToBeast) {
  Response chunked{HttpStatus::ok, 11};
  chunked.body() = "a little";
  chunked.chunked(true);
  EXPECT_FALSE(one_buffer(chunked).has_value());
}

}  // namespace
}  // namespace sportello::http
