#include "http/router.h"

namespace sportello::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool matches(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  const auto want = segments(pattern);
  const auto got = segments(path);
  if (want.size() != got.size()) return false;
  std::map<std::string, std::string> captured;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}')
      captured[std::string(want[i].substr(1, want[i].size() - 2))] = std::string(got[i]);
    else if (want[i] != got[i])
      return false;
  }
  params = std::move(captured);
  return true;
}

}  // namespace

void Router::add(Route route) { routes_.push_back(std::move(route)); }

Match Router::match(Verb method, std::string_view path) const {
  Match found;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    if (!matches(route.pattern, path, params)) continue;
    found.path_known = true;
    found.allowed.push_back(route.method);
    if (route.method == method) {
      found.route = &route;
      found.params = std::move(params);
      return found;
    }
  }
  return found;
}

}  // namespace sportello::http
