#pragma once
// Headers every answer carries (issue 3): a strict Content-Security-Policy with frame-ancestors 'none',
// nosniff, no referrer, no caching of API answers, and HSTS when served over TLS.
#include "http/message.h"

namespace sportello::http {

void add_security_headers(Response& response, bool tls);

}  // namespace sportello::http
