// Form bodies as the web pages read them (web/form_fields.h): application/x-www-form-urlencoded decoded the
// way browsers encode it; anything else is not a form.
#include "web/form_fields.h"

#include <gtest/gtest.h>

namespace sportello::web {
namespace {

std::optional<std::map<std::string, std::string>> read(const std::string& type, const std::string& body) {
  http::RawRequest raw{http::Verb::post, "/richiedi-pin", 11};
  raw.set(http::beast_http::field::content_type, type);
  raw.body() = body;
  return form_fields(http::Request{raw, "/richiedi-pin", {}, {}, "192.0.2.1"});
}

using Fields = std::map<std::string, std::string>;

TEST(FormFields, DecodesWhatBrowsersSend) {
  EXPECT_EQ(read("application/x-www-form-urlencoded", "surname=Rossi&name=Mario+Luigi&place=Forl%C3%AC"),
            (Fields{{"surname", "Rossi"}, {"name", "Mario Luigi"}, {"place", "Forl\xC3\xAC"}}));
  EXPECT_EQ(read("application/x-www-form-urlencoded; charset=UTF-8", "a=1&a=2&b&=c"),
            (Fields{{"a", "2"}, {"b", ""}, {"", "c"}}));  // a repeated name keeps its last value
  EXPECT_EQ(read("application/x-www-form-urlencoded", ""), Fields{});
}

TEST(FormFields, RefusesOtherTypesAndBrokenEncoding) {
  EXPECT_FALSE(read("multipart/form-data; boundary=x", "a=1"));
  EXPECT_FALSE(read("application/json", "a=1"));
  EXPECT_FALSE(read("application/x-www-form-urlencoded", "a=%ZZ"));
  EXPECT_FALSE(read("application/x-www-form-urlencoded", "a=%4"));
}

}  // namespace
}  // namespace sportello::web
