#pragma once
// Errors as RFC 9457 problem documents (application/problem+json): a stable `type` per error code
// ("/problems/wrong-pin"), the HTTP status that fits the error's kind, a title, the detail for people,
// the field at fault, and Retry-After for blocks, throttling and overload. An error of kind `unavailable` (a
// database or file that failed) is told in one plain sentence: its message, written for operators, may quote the
// failed statement and its values, so only its first line goes to the log that `set_unavailable_log` names.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/message.h"

namespace sportello::http {

HttpStatus status_for(const Error& error);
// Where the cause of each unavailable answer goes (app/serve.cpp: the server's log); set once before serving.
void set_unavailable_log(std::function<void(const std::string& cause)> log);
// The cause as it may be logged: the message's first line, before any quoted statement and its values.
std::string unavailable_cause(const Error& error);
Response problem_response(const Error& error, unsigned version = 11);
// The problem for `error` with every problem of the input listed in "errors" ([{field, code, detail}]), so a
// client can show each next to its field.
Response problem_response(const Error& error, const std::vector<Error>& details, unsigned version = 11);
// Problems raised by the HTTP layer itself (bad JSON, too large, unsupported media type ...).
// With `retry_after` > 0 the answer carries it in the body and as the Retry-After header.
Response problem_response(HttpStatus status, const std::string& code, const std::string& detail, unsigned version = 11,
                          std::chrono::seconds retry_after = std::chrono::seconds{0});

}  // namespace sportello::http
