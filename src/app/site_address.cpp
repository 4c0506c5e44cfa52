#include "app/site_address.h"

#include <algorithm>
#include <cctype>

namespace sportello {

bool is_loopback_site(const std::string& site) {
  std::string host = site;
  if (const auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
  if (host.starts_with("[")) {
    host = host.substr(1, host.find(']') - 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string::npos && host.find(':') == colon) {
    host = host.substr(0, colon);  // HOST:PORT (a bare IPv6 address has several colons)
  }
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  if (host.ends_with(".")) host.pop_back();
  const bool ipv4 = std::all_of(host.begin(), host.end(), [](char c) { return c == '.' || std::isdigit(static_cast<unsigned char>(c)); });
  return host.empty() || host == "localhost" || host.ends_with(".localhost") || (ipv4 && host.starts_with("127.")) ||
         host == "::1" || host == "0.0.0.0" || host == "::";
}

}  // namespace sportello
