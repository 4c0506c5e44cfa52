// The Cookie header as the server reads it (http/cookie.h): the value of one named cookie, never part of
// another cookie whose name merely starts the same way. Cases are rows.
#include "http/cookie.h"

#include <gtest/gtest.h>

namespace sportello::http {
namespace {

struct CookieRow {
  const char* header;
  const char* name;
  const char* value;  // "" when absent
};

TEST(CookieValue, FindsTheNamedCookieOnly) {
  const CookieRow rows[] = {
      {"__Host-sportello=abc", "__Host-sportello", "abc"},
      {"lang=en; __Host-sportello=abc; x=1", "__Host-sportello", "abc"},
      {"__Host-sportello-form=f; __Host-sportello=s", "__Host-sportello", "s"},  // a longer name is another cookie
      {"__Host-sportello-form=f", "__Host-sportello", ""},
      {"x__Host-sportello=a", "__Host-sportello", ""},                          // nor is a longer one before it
      {"lang=", "lang", ""},                                                     // present but empty
      {";;  ; lang=it;", "lang", "it"},
      {"lang=it; lang=en", "lang", "it"},                                        // the first one counts
      {"lang", "lang", ""},                                                      // no '='
      {"", "lang", ""},
      {"token=a=b=c", "token", "a=b=c"},                                         // '=' inside a value stays
  };
  for (const CookieRow& row : rows) EXPECT_EQ(cookie_value(row.header, row.name), row.value) << row.header;
}

}  // namespace
}  // namespace sportello::http
