// Every answer carries the site's security headers; a handler may only have set its own framing policy.
#include <gtest/gtest.h>

#include "http/security_headers.h"

namespace sportello::http {
namespace {

TEST(SecurityHeaders, AnAnswerGetsTheSitePolicyAndNoFraming) {
  Response response{HttpStatus::ok, 11};
  add_security_headers(response, false);
  EXPECT_NE(std::string(response["Content-Security-Policy"]).find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(response["X-Frame-Options"], "DENY");
  EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(response[beast_http::field::cache_control], "no-store");
  EXPECT_EQ(response.find("Strict-Transport-Security"), response.end());
}

TEST(SecurityHeaders, APolicyTheHandlerSetIsKept) {
  Response response{HttpStatus::ok, 11};
  response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'; sandbox");
  response.set("X-Frame-Options", "SAMEORIGIN");
  response.set(beast_http::field::cache_control, "public, max-age=60");
  add_security_headers(response, true);
  EXPECT_EQ(response["Content-Security-Policy"], "default-src 'none'; frame-ancestors 'self'; sandbox");
  EXPECT_EQ(response["X-Frame-Options"], "SAMEORIGIN");
  EXPECT_EQ(response[beast_http::field::cache_control], "public, max-age=60");
  EXPECT_NE(response.find("Strict-Transport-Security"), response.end());
}

}  // namespace
}  // namespace sportello::http
