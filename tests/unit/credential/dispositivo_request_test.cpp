#include "credential/dispositivo_request.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace sportello {
namespace {

using namespace std::chrono;

constexpr std::uint64_t kMaxBytes = 1024 * 1024;  // SPEC §4.7: one file of at most 1 MB
const Instant kSubmitted = Instant{sys_days{year{2026} / 5 / 4}} + hours{8};
const Instant kDecided = kSubmitted + Days{2};

const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11);
const std::string kPng = std::string("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16);

// `head` padded with filler to exactly `size` bytes.
std::string sized(const std::string& head, std::size_t size) { return head + std::string(size - head.size(), 'x'); }

TEST(DispositivoDocument, TypeIsToldByContent) {
  struct Case {
    const char* name;
    std::string bytes;
    std::optional<DocumentType> type;  // nullopt: refused with document-type
  };
  const Case cases[] = {
      {"pdf", kPdf, DocumentType::pdf},
      {"jpeg (JFIF)", kJpeg, DocumentType::jpeg},
      {"jpeg (Exif)", std::string("\xFF\xD8\xFF\xE1\x00\x16" "Exif", 10), DocumentType::jpeg},
      {"png", kPng, DocumentType::png},
      {"gif", "GIF89a\x01\x00\x01\x00", std::nullopt},
      {"plain text", "Modulo MV35 firmato\n", std::nullopt},
      {"zip", std::string("PK\x03\x04\x14\x00", 6), std::nullopt},
      {"docx (a zip)", std::string("PK\x03\x04\x14\x00\x06\x00", 8), std::nullopt},
      {"html", "<!DOCTYPE html><html>", std::nullopt},
      {"pdf magic not at the start", " %PDF-1.7", std::nullopt},
      {"pdf magic cut short", "%PDF", std::nullopt},
      {"jpeg magic cut short", "\xFF\xD8", std::nullopt},
      {"png without its first byte", "PNG\r\n\x1A\n", std::nullopt},
      {"png with a wrong line ending", std::string("\x89PNG\n\n\x1A\n", 8), std::nullopt},
      {"a single zero byte", std::string(1, '\0'), std::nullopt},
  };
  for (const auto& c : cases) {
    const auto result = check_document(c.bytes, kMaxBytes);
    if (c.type) {
      ASSERT_TRUE(result.ok()) << c.name << ": " << result.error().code;
      EXPECT_EQ(result.value(), *c.type) << c.name;
    } else {
      ASSERT_FALSE(result.ok()) << c.name << " accepted as " << to_string(result.value());
      EXPECT_EQ(result.error().code, "document-type") << c.name;
      EXPECT_EQ(result.error().field, "document") << c.name;
    }
  }
}

TEST(DispositivoDocument, SizeLimitIsInclusiveAndEmptyIsRefused) {
  struct Case {
    const char* name;
    std::string bytes;
    const char* code;  // nullptr: accepted
  };
  const Case cases[] = {
      {"empty", "", "document-empty"},
      {"exactly the limit, pdf", sized(kPdf, kMaxBytes), nullptr},
      {"exactly the limit, jpeg", sized(kJpeg, kMaxBytes), nullptr},
      {"exactly the limit, png", sized(kPng, kMaxBytes), nullptr},
      {"one byte over, pdf", sized(kPdf, kMaxBytes + 1), "document-too-large"},
      {"one byte over, plain text", sized("hello", kMaxBytes + 1), "document-too-large"},
      {"ten megabytes", sized(kPdf, 10 * kMaxBytes), "document-too-large"},
  };
  for (const auto& c : cases) {
    const auto result = check_document(c.bytes, kMaxBytes);
    if (!c.code) {
      EXPECT_TRUE(result.ok()) << c.name << ": " << result.error().code;
      continue;
    }
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_EQ(result.error().code, c.code) << c.name;
    EXPECT_EQ(result.error().kind, ErrorKind::invalid_input) << c.name;
    EXPECT_EQ(result.error().field, "document") << c.name;
  }
}

TEST(DispositivoDocument, TooLargeMessageGivesTheLimitAsAPersonReadsIt) {
  const struct {
    std::uint64_t limit;
    const char* shown;
  } rows[] = {{kMaxBytes, "1 MB"}, {512 * 1024, "512 KB"}, {900, "900 bytes"}};
  for (const auto& row : rows) {
    const auto result = check_document(sized(kPdf, row.limit + 1), row.limit);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find(row.shown), std::string::npos) << result.error().message;
  }
}

TEST(DispositivoDocument, TypeNamesAndMediaTypes) {
  struct Case {
    DocumentType type;
    const char* name;
    const char* media;
  };
  const Case cases[] = {{DocumentType::pdf, "pdf", "application/pdf"},
                        {DocumentType::jpeg, "jpeg", "image/jpeg"},
                        {DocumentType::png, "png", "image/png"}};
  for (const auto& c : cases) {
    EXPECT_STREQ(to_string(c.type), c.name);
    EXPECT_STREQ(media_type(c.type), c.media);
    EXPECT_EQ(parse_document_type(c.name), c.type);
  }
  EXPECT_FALSE(parse_document_type("gif").has_value());
  for (ReviewState s : {ReviewState::pending, ReviewState::approved, ReviewState::rejected})
    EXPECT_EQ(parse_review_state(to_string(s)), s) << to_string(s);
  EXPECT_FALSE(parse_review_state("accepted").has_value());
}

DispositivoRequest pending_request() {
  DispositivoRequest r;
  r.id = 5;
  r.citizen_id = 42;
  r.document = kPdf;
  r.submitted_at = kSubmitted;
  return r;
}

TEST(DispositivoRequest, ApprovalRecordsWhoAndWhen) {
  DispositivoRequest r = pending_request();
  ASSERT_TRUE(r.approve("mbianchi", kDecided).ok());
  EXPECT_EQ(r.state, ReviewState::approved);
  EXPECT_EQ(r.decided_by, "mbianchi");
  EXPECT_EQ(r.decided_at, kDecided);
  EXPECT_TRUE(r.reason.empty());
}

TEST(DispositivoRequest, RejectionRecordsTheReason) {
  DispositivoRequest r = pending_request();
  ASSERT_TRUE(r.reject("mbianchi", "Documento illeggibile", kDecided).ok());
  EXPECT_EQ(r.state, ReviewState::rejected);
  EXPECT_EQ(r.reason, "Documento illeggibile");
  EXPECT_EQ(r.decided_by, "mbianchi");
  EXPECT_EQ(r.decided_at, kDecided);
}

TEST(DispositivoRequest, RejectionNeedsANonBlankReason) {
  for (const char* reason : {"", " ", "    ", "\t", "\n", " \t\r\n "}) {
    DispositivoRequest r = pending_request();
    const Status status = r.reject("mbianchi", reason, kDecided);
    const std::string shown = ::testing::PrintToString(std::string(reason));
    EXPECT_FALSE(status.ok()) << "blank reason accepted: " << shown;
    EXPECT_STREQ(to_string(r.state), "pending") << shown;
    EXPECT_FALSE(r.decided_at.has_value()) << shown;
    if (status.ok()) continue;
    EXPECT_EQ(status.error().code, "reason-required");
    EXPECT_EQ(status.error().field, "reason");
  }
}

TEST(DispositivoRequest, ADecisionIsFinal) {
  struct Case {
    const char* name;
    bool first_approve;
    bool second_approve;
  };
  const Case cases[] = {
      {"approve twice", true, true},
      {"reject after approve", true, false},
      {"approve after reject", false, true},
      {"reject twice", false, false},
  };
  for (const auto& c : cases) {
    DispositivoRequest r = pending_request();
    const Status first = c.first_approve ? r.approve("first", kDecided) : r.reject("first", "Firma mancante", kDecided);
    ASSERT_TRUE(first.ok()) << c.name;
    const DispositivoRequest after_first = r;
    const Instant later = kDecided + Hours{1};
    const Status second = c.second_approve ? r.approve("second", later) : r.reject("second", "Altro", later);
    ASSERT_FALSE(second.ok()) << c.name;
    EXPECT_EQ(second.error().kind, ErrorKind::illegal_transition) << c.name;
    EXPECT_EQ(second.error().code, "request-already-decided") << c.name;
    EXPECT_EQ(r.state, after_first.state) << c.name;
    EXPECT_EQ(r.decided_by, "first") << c.name;
    EXPECT_EQ(r.decided_at, kDecided) << c.name;
    EXPECT_EQ(r.reason, after_first.reason) << c.name;
  }
}

}  // namespace
}  // namespace sportello
