#include "http/problem.h"

#include <boost/json.hpp>

namespace sportello::http {
namespace {

std::function<void(const std::string&)>& unavailable_log() {
  static std::function<void(const std::string&)> log;
  return log;
}

constexpr const char* kUnavailableDetail =
    "The service cannot complete this now and nothing was saved. Please try again in a few minutes.";

}  // namespace

void set_unavailable_log(std::function<void(const std::string& cause)> log) { unavailable_log() = std::move(log); }

std::string unavailable_cause(const Error& error) {
  std::string cause = error.message.substr(0, error.message.find('\n'));
  if (const auto at = cause.find(" while executing"); at != std::string::npos) cause.erase(at);
  return error.code + ": " + cause;
}

HttpStatus status_for(const Error& e) {
  switch (e.kind) {
    case ErrorKind::invalid_input: return HttpStatus::unprocessable_entity;
    case ErrorKind::not_found: return HttpStatus::not_found;
    case ErrorKind::wrong_secret: return HttpStatus::unauthorized;
    case ErrorKind::blocked: return HttpStatus::locked;
    case ErrorKind::limited: return HttpStatus::too_many_requests;
    case ErrorKind::expired: return e.code.starts_with("session-") ? HttpStatus::unauthorized : HttpStatus::gone;
    case ErrorKind::illegal_transition: return HttpStatus::conflict;
    case ErrorKind::forbidden: return HttpStatus::forbidden;
    case ErrorKind::conflict: return HttpStatus::conflict;
    case ErrorKind::unavailable: return HttpStatus::service_unavailable;
  }
  return HttpStatus::internal_server_error;
}

Response problem_response(const Error& error, unsigned version) {
  const HttpStatus status = status_for(error);
  const bool unavailable = error.kind == ErrorKind::unavailable;
  if (unavailable && unavailable_log()) unavailable_log()(unavailable_cause(error));
  boost::json::object body{{"type", "/problems/" + error.code},
                           {"title", std::string(beast_http::obsolete_reason(status))},
                           {"status", static_cast<int>(status)},
                           {"detail", unavailable ? std::string(kUnavailableDetail) : error.message}};
  if (!error.field.empty()) body["field"] = error.field;
  Response response{status, version};
  response.set(beast_http::field::content_type, "application/problem+json");
  if (error.retry_after.count() > 0) {
    body["retry_after"] = error.retry_after.count();
    response.set(beast_http::field::retry_after, std::to_string(error.retry_after.count()));
  }
  response.body() = boost::json::serialize(body);
  response.prepare_payload();
  return response;
}

Response problem_response(const Error& error, const std::vector<Error>& details, unsigned version) {
  Response response = problem_response(error, version);
  boost::json::object body = boost::json::parse(response.body()).as_object();
  boost::json::array errors;
  for (const Error& e : details) errors.push_back({{"field", e.field}, {"code", e.code}, {"detail", e.message}});
  body["errors"] = errors;
  response.body() = boost::json::serialize(body);
  response.prepare_payload();
  return response;
}

Response problem_response(HttpStatus status, const std::string& code, const std::string& detail, unsigned version,
                          std::chrono::seconds retry_after) {
  boost::json::object body{{"type", "/problems/" + code},
                           {"title", std::string(beast_http::obsolete_reason(status))},
                           {"status", static_cast<int>(status)},
                           {"detail", detail}};
  Response response{status, version};
  response.set(beast_http::field::content_type, "application/problem+json");
  if (retry_after.count() > 0) {
    body["retry_after"] = retry_after.count();
    response.set(beast_http::field::retry_after, std::to_string(retry_after.count()));
  }
  response.body() = boost::json::serialize(body);
  response.prepare_payload();
  return response;
}

}  // namespace sportello::http
