#include "http/router.h"

namespace sportello::http {
namespace {

// A path's non-empty segments: "/api//v1/me/" has three.
template <typename Segment>
std::vector<Segment> segments(std::string_view path) {
  std::vector<Segment> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_capture(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const std::vector<std::string>& want, const std::vector<std::string_view>& got) {
  if (want.size() != got.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i)
    if (!is_capture(want[i]) && want[i] != got[i]) return false;
  return true;
}

std::map<std::string, std::string> captures(const std::vector<std::string>& want,
                                            const std::vector<std::string_view>& got) {
  std::map<std::string, std::string> params;
  for (std::size_t i = 0; i < want.size(); ++i)
    if (is_capture(want[i])) params[want[i].substr(1, want[i].size() - 2)] = std::string(got[i]);
  return params;
}

}  // namespace

void Router::add(Route route) {
  patterns_.push_back(segments<std::string>(route.pattern));
  routes_.push_back(std::move(route));
}

Match Router::match(Verb method, std::string_view path) const {
  Match found;
  const auto got = segments<std::string_view>(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches(patterns_[i], got)) continue;
    const Route& route = routes_[i];
    found.path_known = true;
    found.allowed.push_back(route.method);
    if (route.method == method) {
      found.route = &route;
      found.params = captures(patterns_[i], got);
      return found;
    }
  }
  return found;
}

}  // namespace sportello::http
