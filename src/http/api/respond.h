#pragma once
// Small helpers every handler uses to answer: a JSON object with a status, or the problem for an Error.
#include <boost/json.hpp>

#include "core/result.h"
#include "http/message.h"
#include "http/problem.h"

namespace sportello::http {

inline Response reply(const Request& request, HttpStatus status, const boost::json::object& body) {
  return json_response(status, boost::json::serialize(body), request.raw.version());
}

inline Response reply(const Request& request, const Error& error) { return problem_response(error, request.raw.version()); }

inline Response no_content(const Request& request) {
  Response response{HttpStatus::no_content, request.raw.version()};
  response.prepare_payload();
  return response;
}

}  // namespace sportello::http
