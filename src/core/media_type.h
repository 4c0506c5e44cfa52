#pragma once
// What a file is, judged by its content with libmagic (never by its name or the type a client declared):
// "application/pdf", "image/jpeg", "image/png", ... Thread-safe: each thread opens its own libmagic handle
// on first use and keeps it.
#include <string>
#include <string_view>

namespace sportello {

// The MIME type of `bytes` ("application/octet-stream" when libmagic cannot tell, "application/x-empty" for
// no bytes).
std::string sniff_media_type(std::string_view bytes);

}  // namespace sportello
