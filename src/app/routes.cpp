#include "app/routes.h"

#include <iostream>

#include "app/app.h"
#include "http/api/api.h"
#include "web/web.h"

namespace sportello {

int print_routes(const Config& config, std::ostream& out) {
  auto app = App::open(config);
  if (!app) {
    std::cerr << "sportello: " << app.error().message << "\n";
    return 1;
  }
  FlowContext& ctx = (*app)->context();
  // The handlers are put on the router, never called: the API's parts are there for their references.
  http::Metrics metrics;
  http::Throttle throttle(static_cast<double>(config.server.throttle_per_minute),
                          static_cast<double>(config.server.throttle_burst), ctx.clock);
  // /metrics is routed only with a token, as in serve.
  http::Api api{ctx, throttle, metrics, {}, {}, false, nullptr, config.server.metrics_token, nullptr};
  http::Router router;
  http::add_api_routes(router, api);
  auto pages = web::Pages::builtin();
  if (!pages) {
    std::cerr << "sportello: " << pages.error().message << "\n";
    return 1;
  }
  web::Web site{api, **pages, config.web.assets_dir, (*app)->federation(), config.cns.public_url};
  web::add_web_routes(router, site);
  for (const http::Route& route : router.routes()) {
    out << http::beast_http::to_string(route.method) << ' ' << route.pattern;
    if (route.heavy) out << " heavy";
    if (route.body_limit) out << " body-limit=" << route.body_limit;
    out << '\n';
  }
  out.flush();
  return out ? 0 : 1;
}

}  // namespace sportello
