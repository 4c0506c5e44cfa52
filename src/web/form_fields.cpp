#include "web/form_fields.h"

#include <boost/url/params_view.hpp>

#include <exception>

namespace sportello::web {

std::optional<std::map<std::string, std::string>> form_fields(const http::Request& request) {
  const std::string type = request.header(http::beast_http::field::content_type);
  if (!type.starts_with("application/x-www-form-urlencoded")) return std::nullopt;
  boost::urls::encoding_opts form_encoding;
  form_encoding.space_as_plus = true;  // HTML forms write a space as '+'
  try {
    std::map<std::string, std::string> fields;
    for (auto param : boost::urls::params_view(request.body(), form_encoding)) fields[param.key] = param.value;
    return fields;
  } catch (const std::exception&) {
    return std::nullopt;  // not a valid urlencoded body
  }
}

}  // namespace sportello::web
