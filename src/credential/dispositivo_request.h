#pragma once
// An online request to raise a PIN to level dispositivo (SPEC §4.7): one uploaded file (signed form and
// identity document) of at most the configured size, PDF, JPEG or PNG as told by its content, reviewed by
// the back office. Decisions are final. Pure.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace sportello {

enum class DocumentType { pdf, jpeg, png };
const char* to_string(DocumentType type);             // "pdf", "jpeg", "png"
const char* media_type(DocumentType type);            // "application/pdf", ...
std::optional<DocumentType> parse_document_type(std::string_view text);

// Identifies a document by its first bytes; errors: document-empty, document-too-large (field "document",
// message gives the limit), document-type (not PDF, JPEG or PNG).
Result<DocumentType> check_document(std::string_view bytes, std::uint64_t max_bytes);

enum class ReviewState { pending, approved, rejected };
const char* to_string(ReviewState state);
std::optional<ReviewState> parse_review_state(std::string_view text);

struct DispositivoRequest {
  std::int64_t id = 0;
  std::int64_t citizen_id = 0;
  ReviewState state = ReviewState::pending;
  DocumentType document_type = DocumentType::pdf;
  std::string document;  // the bytes
  Instant submitted_at{};
  std::optional<Instant> decided_at;
  std::string decided_by;  // staff username
  std::string reason;      // required for a rejection

  Status approve(std::string reviewer, Instant now);
  Status reject(std::string reviewer, std::string reason, Instant now);
};

}  // namespace sportello
