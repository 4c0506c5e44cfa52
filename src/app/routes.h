#pragma once
// `sportello routes`: every route the server would serve with this configuration, one line each, without
// listening. The router is built as `serve` builds it (the JSON API, then the web pages), so the list is the
// server's own: tests/e2e/test_roles.py checks each line against its role table, and an operator sees what a
// deployment exposes (e.g. whether /metrics is served).
#include <ostream>

#include "app/config.h"

namespace sportello {

// Opens the App (database, keys, reference data: as `serve` does, pending migrations included), puts every
// route on a router and writes one line per route to `out`, in registration order:
//   METHOD PATTERN [heavy] [body-limit=BYTES]
// heavy: the handler checks a secret or hashes (it runs on the worker pool); body-limit: a route's own cap on
// the request body (none printed: the server's default). Returns the process's exit code.
int print_routes(const Config& config, std::ostream& out);

}  // namespace sportello
