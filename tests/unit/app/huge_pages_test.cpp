// Issue 16: start-up says when the kernel will not back Argon2's memory with huge pages.
#include <gtest/gtest.h>

#include <fstream>

#include "app/huge_pages.h"
#include "support/temp_dir.h"

namespace sportello {
namespace {

TEST(HugePages, TheMarkedModeIsRead) {
  EXPECT_EQ(marked_huge_page_mode("[always] madvise never\n"), "always");
  EXPECT_EQ(marked_huge_page_mode("always [madvise] never\n"), "madvise");
  EXPECT_EQ(marked_huge_page_mode("always madvise [never]"), "never");
}

TEST(HugePages, TextWithNoMarkedModeGivesNone) {
  EXPECT_EQ(marked_huge_page_mode(""), std::nullopt);
  EXPECT_EQ(marked_huge_page_mode("always madvise never\n"), std::nullopt);
  EXPECT_EQ(marked_huge_page_mode("always [] never"), std::nullopt);
  EXPECT_EQ(marked_huge_page_mode("always [madvise never"), std::nullopt);
}

TEST(HugePages, TheFileIsReadAndAMissingOneGivesNone) {
  const testing::TempDir dir;
  std::ofstream(dir / "enabled") << "always [madvise] never\n";
  EXPECT_EQ(transparent_huge_pages(dir / "enabled"), "madvise");
  EXPECT_EQ(transparent_huge_pages(dir / "missing"), std::nullopt);
}

}  // namespace
}  // namespace sportello
