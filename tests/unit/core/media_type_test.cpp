// Files are judged by their content: a PDF named .png is a PDF, text renamed .pdf is text, and several
// threads may ask at once.
#include "core/media_type.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace sportello {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
const std::string kJpeg = std::string("\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 20);

TEST(MediaType, IsJudgedByContent) {
  struct Case { std::string bytes; const char* type; };
  const Case cases[] = {{kPdf, "application/pdf"}, {kPng, "image/png"}, {kJpeg, "image/jpeg"},
                        {"Caro INPS, allego il documento.\n", "text/plain"}, {"", "application/x-empty"},
                        {std::string("\x7f" "ELF\x02\x01\x01\0", 8), "application/octet-stream"}};
  for (const Case& c : cases) EXPECT_EQ(sniff_media_type(c.bytes), c.type) << c.type;
}

TEST(MediaType, EachThreadHasItsOwnHandle) {
  std::vector<std::thread> threads;
  std::vector<std::string> seen(8);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&seen, i] {
      for (int n = 0; n < 50; ++n) seen[i] = sniff_media_type(i % 2 ? kPdf : kPng);
    });
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < 8; ++i) EXPECT_EQ(seen[i], i % 2 ? "application/pdf" : "image/png");
}

}  // namespace
}  // namespace sportello
