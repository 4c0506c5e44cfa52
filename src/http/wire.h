#pragma once
// A small answer's bytes as they go on the wire, in one string (issue 16). Beast's writer hands the socket a
// buffer per header field and walks them through layered views; for GET /api/v1/me that walk was a tenth of the
// server's time. Answers with a length and a small body are laid out here instead, byte for byte as Beast lays
// them out (the unit test compares the two); chunked answers and large bodies are still written by Beast.
#include <cstddef>
#include <optional>
#include <string>

#include "http/message.h"

namespace sportello::http {

// Bodies up to this size go out in one buffer with their header.
inline constexpr std::size_t kOneBufferBodyLimit = 16 * 1024;

// The status line, the header fields in their order, the blank line and the body; nullopt for a chunked
// answer or a body over kOneBufferBodyLimit.
std::optional<std::string> one_buffer(const Response& response);

}  // namespace sportello::http
