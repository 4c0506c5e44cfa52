// /healthz (alive), /readyz (database reachable, migrations applied), /metrics (Prometheus text). The
// metrics move with citizens' actions (a recovery adds to the outbox backlog), so they are for operators only:
// served when server.metrics_token is set, to a request that carries it as a bearer token (issue 15).
#include "core/digest.h"
#include "http/api/api.h"
#include "http/api/respond.h"

namespace sportello::http {

void add_health_routes(Router& router, Api& api) {
  router.add({Verb::get, "/healthz", [](Request& r) { return reply(r, HttpStatus::ok, {{"status", "alive"}}); }});
  router.add({Verb::get, "/readyz", [&api](Request& r) {
                const Status ready = api.ready();
                if (!ready) return reply(r, ready.error());
                return reply(r, HttpStatus::ok, {{"status", "ready"}});
              }});
  if (api.metrics_token.empty()) return;
  router.add({Verb::get, "/metrics", [&api](Request& r) {
                // Compared as digests: equal lengths, so the time taken says nothing about the token.
                const std::string given(r.header(beast_http::field::authorization));
                if (!constant_time_equal(sha256_hex(given), sha256_hex("Bearer " + api.metrics_token))) {
                  Response refused = reply(r, Error{ErrorKind::wrong_secret, "metrics-token",
                                                    "The metrics need the operators' bearer token.", {}, {}});
                  refused.set(beast_http::field::www_authenticate, "Bearer");
                  return refused;
                }
                Response response{HttpStatus::ok, r.raw.version()};
                response.set(beast_http::field::content_type, "text/plain; version=0.0.4");
                response.body() = api.metrics.render(api.gauges());
                response.prepare_payload();
                return response;
              }});
}

}  // namespace sportello::http
