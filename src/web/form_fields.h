#pragma once
// The fields of an HTML form sent as application/x-www-form-urlencoded: names and values percent-decoded,
// '+' read as a space, a repeated name keeping its last value. Pure; thread-safe.
#include <map>
#include <optional>
#include <string>

#include "http/message.h"

namespace sportello::web {

// The fields of an application/x-www-form-urlencoded body (decoded); nullopt for another content type or a
// body that is not valid urlencoded text.
std::optional<std::map<std::string, std::string>> form_fields(const http::Request& request);

}  // namespace sportello::web
