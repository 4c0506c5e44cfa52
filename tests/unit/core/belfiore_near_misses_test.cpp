// Issue 14, "Places": a birth place that matches no name offers the registry's nearest names, and a comune is
// found with today's province for a birth before that province existed.
#include <gtest/gtest.h>

#include <chrono>

#include "belfiore_test_registry.h"
#include "support/dates.h"

namespace sportello {
namespace {

using testing::ymd;

using namespace std::chrono;
using test_data::registry;

std::vector<std::string> names(const std::vector<BirthPlace>& places) {
  std::vector<std::string> out;
  for (const BirthPlace& p : places) out.push_back(p.name);
  return out;
}

TEST(BelfioreNearMisses, ANearMissOffersTheRegistrysNameFirst) {
  struct Case {
    const char* typed;
    const char* first;
  };
  const Case cases[] = {
      {"Afganistan", "Afghanistan"},            // a letter left out
      {"Reggio Emilia", "REGGIO NELL'EMILIA"},  // the typed words inside the official name
      {"San Remo", "SANREMO"},                  // the same letters, spaced
      {"Sanremmo", "SANREMO"},                  // a letter doubled
      {"Mialno", "MILANO"},                     // two letters swapped
      {"Frnacia", "Francia"},
  };
  for (const Case& c : cases) {
    const auto near = registry().near_misses(c.typed, ymd(1990, 1, 1));
    ASSERT_FALSE(near.empty()) << c.typed;
    EXPECT_EQ(near.front().name, c.first) << c.typed << ": " << ::testing::PrintToString(names(near));
    EXPECT_LE(near.size(), 3u);
  }
}

TEST(BelfioreNearMisses, OnlyPlacesOfTheDateAndOnePerCodeAreOffered) {
  const auto near = registry().near_misses("Reggio", ymd(1990, 1, 1), 5);
  ASSERT_GE(near.size(), 2u);
  for (std::size_t i = 0; i < near.size(); ++i) {
    EXPECT_TRUE(near[i].valid_on(ymd(1990, 1, 1))) << near[i].name;
    for (std::size_t j = i + 1; j < near.size(); ++j) EXPECT_NE(near[i].code, near[j].code);
  }
}

TEST(BelfioreNearMisses, NothingFarOrTooShortIsOffered) {
  for (const char* typed : {"Atlantide", "Xq", "", "Zzzzzzzzzz"})
    EXPECT_TRUE(registry().near_misses(typed, ymd(1990, 1, 1)).empty()) << typed;
}

TEST(BelfioreRegistry, AComuneIsFoundWithTodaysProvinceForABirthBeforeItExisted) {
  struct Case {
    const char *name, *province;
    Date born;
    const char* code;
  };
  const Case cases[] = {
      {"Monza", "MB", ymd(1980, 5, 1), "F704"}, {"Monza", "MI", ymd(1980, 5, 1), "F704"},
      {"Forlì", "FC", ymd(1971, 2, 3), "D704"}, {"Forli", "FO", ymd(1971, 2, 3), "D704"},
      {"Monza", "MB", ymd(2015, 5, 1), "F704"},
  };
  for (const Case& c : cases) {
    const auto found = registry().find_by_name(c.name, c.province, c.born);
    ASSERT_EQ(found.size(), 1u) << c.name << " " << c.province;
    EXPECT_EQ(found.front().code, c.code);
  }
  EXPECT_TRUE(registry().find_by_name("Monza", "RM", ymd(1980, 5, 1)).empty());
  EXPECT_TRUE(registry().find_by_name("Monza", "MI", ymd(2015, 5, 1)).empty());  // MI was never Monza's since 2009
}

}  // namespace
}  // namespace sportello
