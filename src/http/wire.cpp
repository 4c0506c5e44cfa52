#include "http/wire.h"

namespace sportello::http {

namespace {

constexpr std::size_t kHeaderRoom = 1024;  // reserved for the status line and the fields: most answers' fit

char digit(unsigned value) { return static_cast<char>('0' + value % 10); }

}  // namespace

std::optional<std::string> one_buffer(const Response& response) {
  if (response.chunked() || response.body().size() > kOneBufferBodyLimit) return std::nullopt;
  const unsigned version = response.version();
  const unsigned code = response.result_int();
  std::string wire;
  wire.reserve(kHeaderRoom + response.body().size());
  wire += "HTTP/";
  wire += {digit(version / 10), '.', digit(version), ' ', digit(code / 100), digit(code / 10), digit(code), ' '};
  wire += response.reason();  // the handler's, else the status's own
  wire += "\r\n";
  for (const auto& field : response) {
    wire += field.name_string();
    wire += ": ";
    wire += field.value();
    wire += "\r\n";
  }
  wire += "\r\n";
  wire += response.body();
  return wire;
}

}  // namespace sportello::http
