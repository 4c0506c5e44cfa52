#include "credential/dispositivo_request.h"

#include <algorithm>
#include <cctype>

namespace sportello {
namespace {

bool starts_with_bytes(std::string_view bytes, std::string_view magic) { return bytes.starts_with(magic); }

// "1 MB", "512 KB", "900 bytes": the limit as a person reads it.
std::string readable_size(std::uint64_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MB";
  if (bytes >= 1024) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes) + " bytes";
}

Error not_pending() {
  return Error::illegal("request-already-decided", "This dispositivo request has already been decided.");
}

}  // namespace

const char* to_string(DocumentType type) {
  switch (type) {
    case DocumentType::pdf: return "pdf";
    case DocumentType::jpeg: return "jpeg";
    case DocumentType::png: return "png";
  }
  return "unknown";
}

const char* media_type(DocumentType type) {
  switch (type) {
    case DocumentType::pdf: return "application/pdf";
    case DocumentType::jpeg: return "image/jpeg";
    case DocumentType::png: return "image/png";
  }
  return "application/octet-stream";
}

std::optional<DocumentType> parse_document_type(std::string_view text) {
  for (DocumentType t : {DocumentType::pdf, DocumentType::jpeg, DocumentType::png})
    if (text == to_string(t)) return t;
  return std::nullopt;
}

Result<DocumentType> check_document(std::string_view bytes, std::uint64_t max_bytes) {
  if (bytes.empty()) return Error::invalid("document-empty", "The file is empty.", "document");
  if (bytes.size() > max_bytes)
    return Error::invalid("document-too-large",
                          "The file is larger than " + readable_size(max_bytes) + "; send one smaller file.",
                          "document");
  if (starts_with_bytes(bytes, "%PDF-")) return DocumentType::pdf;
  if (starts_with_bytes(bytes, "\xFF\xD8\xFF")) return DocumentType::jpeg;
  if (starts_with_bytes(bytes, std::string_view("\x89PNG\r\n\x1A\n", 8))) return DocumentType::png;
  return Error::invalid("document-type", "The file must be a PDF, JPEG or PNG document.", "document");
}

const char* to_string(ReviewState state) {
  switch (state) {
    case ReviewState::pending: return "pending";
    case ReviewState::approved: return "approved";
    case ReviewState::rejected: return "rejected";
  }
  return "unknown";
}

std::optional<ReviewState> parse_review_state(std::string_view text) {
  for (ReviewState s : {ReviewState::pending, ReviewState::approved, ReviewState::rejected})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

Status DispositivoRequest::approve(std::string reviewer, Instant now) {
  if (state != ReviewState::pending) return not_pending();
  state = ReviewState::approved;
  decided_by = std::move(reviewer);
  decided_at = now;
  return Ok{};
}

Status DispositivoRequest::reject(std::string reviewer, std::string why, Instant now) {
  if (state != ReviewState::pending) return not_pending();
  if (std::all_of(why.begin(), why.end(), [](unsigned char c) { return std::isspace(c) != 0; }))
    return Error::invalid("reason-required", "A rejection needs a reason.", "reason");
  state = ReviewState::rejected;
  decided_by = std::move(reviewer);
  reason = std::move(why);
  decided_at = now;
  return Ok{};
}

}  // namespace sportello
