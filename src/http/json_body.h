#pragma once
// Reading a JSON request body: the Content-Type must be application/json (else 415), the body one JSON
// object (else 400, with where the parser stopped). Field readers return empty for absent fields and
// a problem for fields of the wrong type, so handlers map input in a few lines.
#include <boost/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace sportello::http {

class JsonBody {
 public:
  // nullopt and `problem` set when the request carries no usable JSON object.
  static std::optional<JsonBody> parse(const Request& request, Response& problem);

  // The string at `key` ("" when absent). A non-string value records a type problem.
  std::string text(std::string_view key);
  bool flag(std::string_view key);
  // The strings at `key`: one string, or an array of strings (empty when absent). Anything else records a
  // type problem.
  std::vector<std::string> texts(std::string_view key);
  // Set once a field had the wrong type; handlers answer it before doing anything.
  const std::optional<Response>& type_problem() const { return type_problem_; }

 private:
  explicit JsonBody(boost::json::object object, unsigned version) : object_(std::move(object)), version_(version) {}
  boost::json::object object_;
  unsigned version_;
  std::optional<Response> type_problem_;
};

}  // namespace sportello::http
