#pragma once
// The citizen's PIN pages once the PIN is retired (issue 12, `[credentials] citizen_pin = "retired"`): the
// request, activation, renewal and recovery pages and the PIN's login answer one page (410) that points to SPID,
// CIE and CNS; the flows refuse too (pin-retired), for the API.
#include "http/router.h"
#include "web/web.h"

namespace sportello::web {

bool pin_retired(const Web& web);
http::Response pin_retired_page(Web& web, const http::Request& request);
// `handler`, or the retired page while the PIN is retired.
http::Handler unless_pin_retired(Web& web, http::Handler handler);

}  // namespace sportello::web
