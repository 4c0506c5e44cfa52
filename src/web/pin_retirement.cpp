#include "web/pin_retirement.h"

#include "web/form.h"
#include "web/page_request.h"

namespace sportello::web {

bool pin_retired(const Web& web) { return web.api.ctx.policies.citizen_pin_retired; }

http::Response pin_retired_page(Web& web, const http::Request& request) {
  PageData values = notice_values(web.pages.texts(), language_of(request), "pin_retired_title",
                                  {"pin_retired_text", "pin_retired_staff"}, {{"/accedi", "pin_retired_login"}});
  return render_page(web, request, "notice", values, http::HttpStatus::gone);
}

http::Handler unless_pin_retired(Web& web, http::Handler handler) {
  return [&web, handler = std::move(handler)](http::Request& request) {
    return pin_retired(web) ? pin_retired_page(web, request) : handler(request);
  };
}

}  // namespace sportello::web
