#pragma once
// The JSON API under /api/v1 (issue 3): what every handler shares, and the functions that put each
// resource's routes on the router. Handlers parse, call one flow, and map its result; nothing else.
#include <functional>
#include <map>

#include "flows/flow_context.h"
#include "http/encoded_body.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/throttle.h"

namespace sportello::http {

struct Api {
  FlowContext& ctx;
  Throttle& throttle;                 // endpoints that check a secret or send a message
  Metrics& metrics;
  std::function<std::map<std::string, double>()> gauges;  // sampled for /metrics
  std::function<Status()> ready;                          // database reachable, migrations applied
  bool tls = false;
  BodyCache* bodies = nullptr;  // ready answers of hot, rarely changing GETs; absent: none kept
  std::string metrics_token;    // empty: /metrics is not served at all
  Throttle* costly = nullptr;   // PIN requests, recoveries, renewals per address (issue 15); absent: none
};

inline constexpr const char* kApi = "/api/v1";
inline constexpr std::uint64_t kUploadBodyLimit = 1536 * 1024;  // 1 MB file plus form overhead

void add_health_routes(Router& router, Api& api);
void add_citizen_session_routes(Router& router, Api& api);
void add_pin_routes(Router& router, Api& api);
void add_staff_routes(Router& router, Api& api);
void add_operator_routes(Router& router, Api& api);
void add_dispositivo_routes(Router& router, Api& api);
void add_records_routes(Router& router, Api& api);
void add_application_routes(Router& router, Api& api);
void add_organisation_routes(Router& router, Api& api);
void add_mandate_routes(Router& router, Api& api);
void add_subject_routes(Router& router, Api& api);

inline void add_api_routes(Router& router, Api& api) {
  add_health_routes(router, api);
  add_citizen_session_routes(router, api);
  add_pin_routes(router, api);
  add_staff_routes(router, api);
  add_operator_routes(router, api);
  add_dispositivo_routes(router, api);
  add_records_routes(router, api);
  add_application_routes(router, api);
  add_organisation_routes(router, api);
  add_mandate_routes(router, api);
  add_subject_routes(router, api);
}

}  // namespace sportello::http
