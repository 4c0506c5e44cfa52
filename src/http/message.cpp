#include "http/message.h"

namespace sportello::http {

Response json_response(HttpStatus status, std::string body, unsigned version) {
  Response response{status, version};
  response.set(beast_http::field::content_type, "application/json");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

}  // namespace sportello::http
