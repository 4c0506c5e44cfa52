#pragma once
// A response body kept ready for hot GETs whose data changes rarely (issue 10: a 45-year contribution
// record is 130 KB of JSON): its bytes as they are and gzip-compressed, and an ETag. Serving it costs no
// SQL, no JSON and no compression; a client that has it already gets 304, one that accepts gzip gets a
// tenth of the bytes. Immutable once made; share it freely between threads.
#include <memory>
#include <string>

#include "flows/read_cache.h"
#include "http/message.h"

namespace sportello::http {

struct EncodedBody {
  std::string content_type;
  std::string identity;
  std::string gzip;   // RFC 1952
  std::string etag;   // strong: "\"<first 32 hex digits of the SHA-256>\""
};

std::shared_ptr<const EncodedBody> encode_body(std::string body, std::string content_type);

// 200 with the body (gzip when Accept-Encoding allows it), or 304 when If-None-Match holds its ETag.
// Always `Vary: Accept-Encoding` and `Cache-Control: private, no-cache` (a shared cache must not keep a
// citizen's data; the browser revalidates).
Response respond_with(const Request& request, const EncodedBody& body);

// Encoded bodies by "<resource>:<citizen id>", valid under the rules of ReadCache (this process's writes at
// once, other processes' within the ttl).
using BodyCache = ReadCache<std::shared_ptr<const EncodedBody>>;

}  // namespace sportello::http
