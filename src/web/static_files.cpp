// GET /static/...: Bootstrap Italia's built files (CSS, fonts, SVG sprites, JS) from its npm package, read
// from the assets folder. Only plain names below that folder; anything else is 404.
// GET /assets/NAME: sportello's own stylesheet and script, compiled in (web/assets/).
#include <fstream>
#include <sstream>

#include "http/problem.h"
#include "web/embedded_web_files.h"
#include "web/web.h"

namespace sportello::web {
namespace {

const char* content_type(const std::string& path) {
  const std::pair<const char*, const char*> types[] = {
      {".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".woff2", "font/woff2"},            {".woff", "font/woff"},                    {".ttf", "font/ttf"},
      {".png", "image/png"},               {".map", "application/json"}};
  for (const auto& [extension, type] : types)
    if (path.ends_with(extension)) return type;
  return nullptr;
}

bool plain_segment(const std::string& segment) {
  if (segment.empty() || segment.front() == '.') return false;
  for (char c : segment)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

http::Response serve_file(Web& web, http::Request& r) {
  const std::string relative = r.path.substr(std::string_view("/static/").size());
  std::string segment;
  std::istringstream parts(relative);
  bool plain = !relative.empty();
  while (std::getline(parts, segment, '/')) plain = plain && plain_segment(segment);
  const char* type = content_type(relative);
  std::ifstream file(web.assets / relative, std::ios::binary);
  if (!plain || !type || !file)
    return http::problem_response(http::HttpStatus::not_found, "not-found", "Nothing is here.", r.raw.version());
  std::ostringstream bytes;
  bytes << file.rdbuf();
  http::Response response{http::HttpStatus::ok, r.raw.version()};
  response.set(http::beast_http::field::content_type, type);
  response.set(http::beast_http::field::cache_control, "public, max-age=86400");
  response.body() = bytes.str();
  response.prepare_payload();
  return response;
}

http::Response serve_embedded(http::Request& r) {
  const std::string name = "assets/" + r.params.at("name");
  const char* type = content_type(name);
  for (const auto& file : embedded_web_files()) {
    if (file.name != name || !type) continue;
    http::Response response{http::HttpStatus::ok, r.raw.version()};
    response.set(http::beast_http::field::content_type, type);
    response.set(http::beast_http::field::cache_control, "public, max-age=3600");
    response.body() = std::string(file.text);
    response.prepare_payload();
    return response;
  }
  return http::problem_response(http::HttpStatus::not_found, "not-found", "Nothing is here.", r.raw.version());
}

}  // namespace

void add_static_routes(http::Router& router, Web& web) {
  router.add({http::Verb::get, "/assets/{name}", [](http::Request& r) { return serve_embedded(r); }});
  auto handler = [&web](http::Request& r) { return serve_file(web, r); };
  for (const char* pattern : {"/static/{a}", "/static/{a}/{b}", "/static/{a}/{b}/{c}", "/static/{a}/{b}/{c}/{d}"})
    router.add({http::Verb::get, pattern, handler});
}

}  // namespace sportello::web
