#include "http/security_headers.h"

namespace sportello::http {

void add_security_headers(Response& response, bool tls) {
  response.set(beast_http::field::server, "sportello");
  // A handler may set a stricter policy of its own (the back office's document view: nothing runs, and only
  // this site may frame it); every other response gets the site's.
  if (response.find("Content-Security-Policy") == response.end())
    response.set("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
                 "object-src 'none'");
  response.set("X-Content-Type-Options", "nosniff");
  if (response.find("X-Frame-Options") == response.end()) response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "same-origin");  // "no-referrer" would make browsers send Origin: null on form posts
  if (response.find(beast_http::field::cache_control) == response.end())
    response.set(beast_http::field::cache_control, "no-store");
  if (tls) response.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

}  // namespace sportello::http
