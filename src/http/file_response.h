#pragma once
// Answers that carry a file: a document the institute made (a PDF, a CSV) to save, or a file a citizen
// uploaded, which is never run as a page of this site (sandboxed, no scripts) and is framed at most by
// this site's own pages. Every file answer is private (Cache-Control: no-store) and names its file safely
// for any name (ASCII fallback and RFC 5987 filename*).
#include <string>
#include <string_view>

#include "http/message.h"

namespace sportello::http {

// The Content-Disposition value: "attachment" (or "inline") with both filename forms.
std::string content_disposition(bool inline_view, std::string_view filename);

// A document made here, to save.
Response download(const Request& request, std::string_view media_type, std::string_view filename, std::string bytes);

// A citizen's uploaded file: saved, or shown inline inside one of this site's pages when `inline_view`.
Response uploaded_file(const Request& request, std::string_view media_type, std::string_view filename, std::string bytes,
                       bool inline_view = false);

}  // namespace sportello::http
