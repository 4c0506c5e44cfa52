#pragma once
// Maps a method and a path to a handler. Patterns are literal segments and {name} captures
// ("/api/v1/operator/dispositivo-requests/{id}/approval"). A route says whether its handler does heavy
// work (Argon2id): the server runs those on the bounded worker pool. Built once at start-up, then
// read-only: thread-safe. Each pattern is split into its segments when added; a request's path is split once.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace sportello::http {

using Handler = std::function<Response(Request&)>;

struct Route {
  Verb method;
  std::string pattern;
  Handler handler;
  bool heavy = false;                   // checks a secret or hashes: runs on the worker pool
  std::uint64_t body_limit = 0;         // 0: the server's default
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;              // the path exists with another method (405 rather than 404)
  std::vector<Verb> allowed;            // the methods the path takes, for a 405's Allow header
};

class Router {
 public:
  void add(Route route);
  Match match(Verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> patterns_;  // routes_[i].pattern's segments
};

}  // namespace sportello::http
