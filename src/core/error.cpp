#include "core/error.h"

namespace sportello {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_input: return "invalid-input";
    case ErrorKind::not_found: return "not-found";
    case ErrorKind::wrong_secret: return "wrong-secret";
    case ErrorKind::blocked: return "blocked";
    case ErrorKind::limited: return "limited";
    case ErrorKind::expired: return "expired";
    case ErrorKind::illegal_transition: return "illegal-transition";
    case ErrorKind::forbidden: return "forbidden";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::unavailable: return "unavailable";
  }
  return "unknown";
}

Error Error::invalid(std::string code, std::string message, std::string field) {
  return Error{ErrorKind::invalid_input, std::move(code), std::move(message), std::move(field), {}};
}

Error Error::illegal(std::string code, std::string message) {
  return Error{ErrorKind::illegal_transition, std::move(code), std::move(message), {}, {}};
}

Error Error::unavailable(std::string message) {
  return Error{ErrorKind::unavailable, "unavailable", std::move(message), {}, {}};
}

}  // namespace sportello
