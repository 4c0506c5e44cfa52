#include "web/error_pages.h"

#include "web/page_request.h"

namespace sportello::web {
namespace {

// The page's texts by status; any other status reads as "something went wrong".
std::string text_group(unsigned status) {
  switch (status) {
    case 400: return "error_page_400";
    case 404: return "error_page_404";
    case 405: return "error_page_405";
    case 503: return "error_page_503";
    default: return "error_page_500";
  }
}

}  // namespace

bool wants_problem_json(const http::Request& request) {
  if (request.path == "/api" || request.path.starts_with("/api/")) return true;
  const std::string accept = request.header(http::beast_http::field::accept);
  const bool json = accept.find("application/json") != std::string::npos || accept.find("+json") != std::string::npos;
  return json && accept.find("text/html") == std::string::npos;
}

void dress_error_page(Web& web, http::Response& response, const http::Request& request) {
  if (wants_problem_json(request)) return;
  const Language language = language_of(request);
  const Texts& t = web.pages.texts();
  const unsigned status = response.result_int();
  const std::string group = text_group(status);
  PageData values{PageData::type::object};
  values.set("status", std::to_string(status));
  values.set("heading", t.get(language, group + "_title"));
  values.set("page_title", t.get(language, group + "_title") + " (" + std::to_string(status) + ")");
  values.set("explanation", t.get(language, group + "_text"));
  http::Response page = render_page(web, request, "error", values, response.result());
  for (auto field : {http::beast_http::field::allow, http::beast_http::field::retry_after})
    if (auto found = response.find(field); found != response.end()) page.set(field, found->value());
  response = std::move(page);
}

}  // namespace sportello::web
