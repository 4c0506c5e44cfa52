#include "http/file_response.h"

#include <gtest/gtest.h>

namespace sportello::http {
namespace {

TEST(ContentDisposition, AnyNameIsSafeInTheHeaderAndExactInItsEncodedForm) {
  EXPECT_EQ(content_disposition(false, "ricevuta.pdf"), "attachment; filename=\"ricevuta.pdf\"; filename*=UTF-8''ricevuta.pdf");
  EXPECT_EQ(content_disposition(true, "scan 1.png"), "inline; filename=\"scan 1.png\"; filename*=UTF-8''scan%201.png");
  EXPECT_EQ(content_disposition(false, "a\"b\\c\r\n.pdf"),
            "attachment; filename=\"a_b_c__.pdf\"; filename*=UTF-8''a%22b%5Cc%0D%0A.pdf");
  EXPECT_EQ(content_disposition(false, "certificato già.pdf"),
            "attachment; filename=\"certificato gi__.pdf\"; filename*=UTF-8''certificato%20gi%C3%A0.pdf");
}

const RawRequest kRaw{beast_http::verb::get, "/", 11};
Request get() { return Request{kRaw, "/", {}, {}, "127.0.0.1"}; }

TEST(FileResponse, DocumentsAreSavedAndNeverCached) {
  const Response r = download(get(), "application/pdf", "CU 2025.pdf", "%PDF-1.7");
  EXPECT_EQ(r[beast_http::field::content_type], "application/pdf");
  EXPECT_EQ(r[beast_http::field::content_disposition], "attachment; filename=\"CU 2025.pdf\"; filename*=UTF-8''CU%202025.pdf");
  EXPECT_EQ(r[beast_http::field::cache_control], "no-store");
  EXPECT_EQ(r.body(), "%PDF-1.7");
}

TEST(FileResponse, ACitizensFileIsSandboxedAndFramedOnlyByThisSite) {
  const Response saved = uploaded_file(get(), "image/png", "scan.png", "png");
  EXPECT_EQ(saved["Content-Security-Policy"], "default-src 'none'; frame-ancestors 'none'; sandbox");
  EXPECT_TRUE(saved[beast_http::field::content_disposition].starts_with("attachment;"));
  const Response shown = uploaded_file(get(), "image/png", "scan.png", "png", true);
  EXPECT_EQ(shown["Content-Security-Policy"], "default-src 'none'; frame-ancestors 'self'; sandbox");
  EXPECT_EQ(shown["X-Frame-Options"], "SAMEORIGIN");
  EXPECT_TRUE(shown[beast_http::field::content_disposition].starts_with("inline;"));
}

}  // namespace
}  // namespace sportello::http
