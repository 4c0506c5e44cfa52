#pragma once
// Reading the Cookie request header (RFC 6265 §5.4: "name=value" pairs separated by "; "). Pure; thread-safe.
#include <string>
#include <string_view>

namespace sportello::http {

// The value of cookie `name` in a Cookie header; empty when absent.
std::string cookie_value(const std::string& header, std::string_view name);

}  // namespace sportello::http
