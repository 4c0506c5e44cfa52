// Dates typed the Italian way (issue 14, "Forms"): day first with / - or ., or ISO; nothing ambiguous.
#include "core/typed_date.h"

#include <gtest/gtest.h>

#include "support/dates.h"

namespace sportello {
namespace {

using testing::ymd;

using namespace std::chrono;

TEST(TypedDate, ItalianAndIsoWritingsOfOneDateAllGiveIt) {
  const char* const writings[] = {"05/03/1972", "5/3/1972", "05-03-1972", "5-3-1972", "05.03.1972",
                                  "5.3.1972",   "1972-03-05", "  05/03/1972 ", "05/3/1972"};
  for (const char* typed : writings) {
    const auto parsed = parse_typed_date(typed);
    ASSERT_TRUE(parsed) << typed;
    EXPECT_EQ(*parsed, ymd(1972, 3, 5)) << typed;
  }
}

TEST(TypedDate, DayComesFirstInTheItalianWriting) {
  EXPECT_EQ(parse_typed_date("12/01/2000"), ymd(2000, 1, 12));
  EXPECT_EQ(parse_typed_date("29/02/2024"), ymd(2024, 2, 29));
}

TEST(TypedDate, ImpossibleAmbiguousOrMalformedWritingsGiveNothing) {
  const char* const refused[] = {"",           "31/02/2000", "29/02/2023", "05/13/1972", "00/03/1972",
                                 "05/03/72",   "05/03/19722", "05/03-1972", "5//1972",   "1972/03/05",
                                 "1972-3-5x",  "05 03 1972",  "oggi",       "05/03/1972/1", "123/03/1972",
                                 "-5/03/1972", "1972-02-30"};
  for (const char* typed : refused) EXPECT_FALSE(parse_typed_date(typed)) << typed;
}

}  // namespace
}  // namespace sportello
