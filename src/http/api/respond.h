#pragma once
// Small helpers every handler uses to answer: a JSON object with a status, or the problem for an Error.
#include <boost/json.hpp>

#include <optional>

#include "core/result.h"
#include "http/message.h"
#include "http/problem.h"

namespace sportello::http {

inline Response reply(const Request& request, HttpStatus status, const boost::json::object& body) {
  return json_response(status, boost::json::serialize(body), request.raw.version());
}

inline Response reply(const Request& request, const Error& error) { return problem_response(error, request.raw.version()); }

// A route parameter ({id} unless named) as a positive number, all of it digits.
inline std::optional<std::int64_t> id_param(const Request& r, const char* name = "id") {
  const std::string& text = r.params.at(name);
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const long long id = std::stoll(text);
  return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

inline Response bad_id(const Request& r) {
  return reply(r, Error{ErrorKind::not_found, "request-not-found", "No dispositivo request has that number.", "id", {}});
}

inline Response no_content(const Request& request) {
  Response response{HttpStatus::no_content, request.raw.version()};
  response.prepare_payload();
  return response;
}

}  // namespace sportello::http
