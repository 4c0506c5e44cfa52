#pragma once
// The typed error every domain operation returns instead of throwing across module lines.
// `kind` is stable (the API maps it to a problem type); `message` is for people; `field` names the input at fault.
#include <chrono>
#include <string>

namespace sportello {

enum class ErrorKind {
  invalid_input,       // malformed or inconsistent data; `field` says which
  not_found,           // the thing asked for does not exist (only where saying so reveals nothing)
  wrong_secret,        // a PIN, password, code or token did not match
  blocked,             // too many wrong attempts; `retry_after` says for how long
  limited,             // this action was started too often (per code, address or holder); `retry_after` says when again
  expired,             // the credential, token or session is past its time
  illegal_transition,  // the aggregate is not in a state that allows the operation
  forbidden,           // the actor lacks the role or level
  conflict,            // the operation collides with existing data
  unavailable,         // a dependency (database, file) failed; nothing was written
};

const char* to_string(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::invalid_input;
  std::string code;     // stable machine name, e.g. "wrong-pin", "invalid-cf-check-character"
  std::string message;  // a sentence for the person at the other end (English; the web layer translates codes)
  std::string field;    // input at fault, when there is one
  std::chrono::seconds retry_after{0};

  static Error invalid(std::string code, std::string message, std::string field = {});
  static Error illegal(std::string code, std::string message);
  static Error unavailable(std::string message);
};

}  // namespace sportello
