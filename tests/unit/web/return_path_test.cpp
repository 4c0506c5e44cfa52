// Issue 14: a login goes back to the page that needed it, and only to a page of this site: anything that a
// browser could read as another site's address is dropped (an open redirect is a defect).
#include <gtest/gtest.h>

#include "web/page_request.h"

namespace sportello::web {
namespace {

struct ReturnRow {
  const char* wanted;
  const char* kept;  // "" when refused
};

TEST(SafeReturnPath, KeepsLocalPathsAndRefusesEverythingElse) {
  const ReturnRow rows[] = {
      {"/area-riservata", "/area-riservata"},
      {"/area-riservata/cu?anno=2025", "/area-riservata/cu?anno=2025"},
      {"/area-riservata/domande/12#stato", "/area-riservata/domande/12#stato"},
      {"/area-riservata/cerca?q=a%20b", "/area-riservata/cerca?q=a%20b"},
      {"", ""},
      {"area-riservata", ""},                  // relative
      {"//evil.example/x", ""},                // scheme-relative: another host
      {"///evil.example", ""},
      {"https://evil.example/", ""},
      {"javascript:alert(1)", ""},
      {"/\\evil.example", ""},                 // browsers read "/\" as "//"
      {"\\\\evil.example", ""},
      {"/\t/evil.example", ""},                // browsers drop tabs and newlines
      {"/\r\nSet-Cookie: x=1", ""},           // header injection
      {"/ /evil", ""},
      {"/caffè", ""},                          // links arrive percent-encoded
      {"/accedi", ""},                         // would loop
      {"/accedi?torna=/x", ""},
  };
  for (const ReturnRow& row : rows) EXPECT_EQ(safe_return_path(row.wanted), row.kept) << row.wanted;
  EXPECT_EQ(safe_return_path("/" + std::string(2000, 'a')), "") << "an absurdly long one";
}

}  // namespace
}  // namespace sportello::web
