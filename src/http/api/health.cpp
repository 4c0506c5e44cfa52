// /healthz (alive), /readyz (database reachable, migrations applied), /metrics (Prometheus text).
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
  router.add({Verb::get, "/metrics", [&api](Request& r) {
                Response response{HttpStatus::ok, r.raw.version()};
                response.set(beast_http::field::content_type, "text/plain; version=0.0.4");
                response.body() = api.metrics.render(api.gauges());
                response.prepare_payload();
                return response;
              }});
}

}  // namespace sportello::http
