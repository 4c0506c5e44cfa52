#pragma once
// `sportello serve`: opens the App, puts the API on a Server, logs one JSON line per request (route
// pattern, status, duration, client; never bodies, cookies, PINs or codici fiscali), runs a maintenance
// loop (forgets lockout counters of unknown codes), and on SIGTERM or SIGINT stops accepting, finishes
// requests in flight, closes the store and returns 0.
#include <string>

#include "app/config.h"

namespace sportello {

struct ServeOverrides {
  std::string listen;   // HOST:PORT, overrides server.listen
  std::string db_path;  // overrides database.url with sqlite:PATH
};

int serve(Config config, const ServeOverrides& overrides);

}  // namespace sportello
