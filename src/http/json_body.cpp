#include "http/json_body.h"

#include "http/problem.h"

namespace sportello::http {

std::optional<JsonBody> JsonBody::parse(const Request& request, Response& problem) {
  const std::string type = request.header(beast_http::field::content_type);
  if (!type.starts_with("application/json")) {
    problem = problem_response(HttpStatus::unsupported_media_type, "unsupported-media-type",
                               "Send the body as application/json.", request.raw.version());
    return std::nullopt;
  }
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(request.body(), ec);
  if (ec || !value.is_object()) {
    problem = problem_response(HttpStatus::bad_request, "malformed-json",
                               ec ? "The body is not valid JSON: " + ec.message() + "." : "The body must be a JSON object.",
                               request.raw.version());
    return std::nullopt;
  }
  return JsonBody(std::move(value.as_object()), request.raw.version());
}

std::string JsonBody::text(std::string_view key) {
  const boost::json::value* v = object_.if_contains(key);
  if (!v || v->is_null()) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (!type_problem_)
    type_problem_ = problem_response(HttpStatus::bad_request, "invalid-json-field",
                                     "The field " + std::string(key) + " must be a string.", version_);
  return "";
}

bool JsonBody::flag(std::string_view key) {
  const boost::json::value* v = object_.if_contains(key);
  if (!v || v->is_null()) return false;
  if (v->is_bool()) return v->as_bool();
  if (!type_problem_)
    type_problem_ = problem_response(HttpStatus::bad_request, "invalid-json-field",
                                     "The field " + std::string(key) + " must be true or false.", version_);
  return false;
}

std::vector<std::string> JsonBody::texts(std::string_view key) {
  const boost::json::value* v = object_.if_contains(key);
  std::vector<std::string> values;
  if (!v || v->is_null()) return values;
  if (v->is_string()) return {std::string(v->as_string())};
  if (v->is_array()) {
    for (const boost::json::value& item : v->as_array()) {
      if (!item.is_string()) break;
      values.emplace_back(item.as_string());
    }
    if (values.size() == v->as_array().size()) return values;
  }
  if (!type_problem_)
    type_problem_ = problem_response(HttpStatus::bad_request, "invalid-json-field",
                                     "The field " + std::string(key) + " must be a string or an array of strings.", version_);
  return {};
}

}  // namespace sportello::http
