#pragma once
// Headers every answer carries (issue 3): a strict Content-Security-Policy with frame-ancestors 'none' and
// X-Frame-Options DENY (unless the handler set stricter ones of its own), nosniff, a same-origin referrer,
// no caching unless the handler chose, and HSTS when served over TLS.
#include "http/message.h"

namespace sportello::http {

void add_security_headers(Response& response, bool tls);

}  // namespace sportello::http
