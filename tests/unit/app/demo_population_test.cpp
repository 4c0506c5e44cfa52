// Issue 13: the made-up population behind `demo seed --citizens N`: each person's codice fiscale is valid and
// agrees with their data, no two share one, the i-th person is always the same, and seeding loads them with a
// PIN that opens a session; a second run adds nothing.
#include <gtest/gtest.h>

#include <set>

#include "app/demo_population.h"
#include "flows/login.h"
#include "support/app_fixture.h"

namespace sportello::testing {
namespace {

class DemoPopulationTest : public AppFixture {};

TEST_F(DemoPopulationTest, EveryPersonHasAValidCodeOfTheirOwnAndIsAlwaysTheSame) {
  const DemoPopulation population(ctx().places);
  EXPECT_GT(population.capacity(), 60'000'000u);  // issue 13's plan goes to 60 million
  std::set<std::string> codes, mobiles;
  constexpr std::uint64_t kPeople = 30000;
  for (std::uint64_t i = 0; i < kPeople; ++i) {
    auto person = population.person(i, now());
    ASSERT_TRUE(person.ok()) << i << ": " << person.error().message;
    auto parsed = CodiceFiscale::parse(person->codice_fiscale, ctx().places, rome_date(now()));
    ASSERT_TRUE(parsed.ok()) << person->codice_fiscale << ": " << parsed.error().message;
    EXPECT_EQ(parsed->birth_date(), person->data.birth_date);
    EXPECT_EQ(parsed->sex(), person->data.sex);
    EXPECT_EQ(parsed->birth_place().code, person->data.birth_place_code);
    EXPECT_FALSE(person->data.residence.comune.empty());
    codes.insert(person->codice_fiscale);
    mobiles.insert(person->contacts.mobile);
  }
  EXPECT_EQ(codes.size(), kPeople);
  EXPECT_EQ(mobiles.size(), kPeople);
  const auto again = population.person(12345, now());
  EXPECT_EQ(again->codice_fiscale, population.person(12345, now())->codice_fiscale);
  EXPECT_EQ(again->contacts.email.find("12345@example.it") != std::string::npos, true);
  EXPECT_FALSE(population.person(population.capacity(), now()).ok());
}

TEST_F(DemoPopulationTest, SeedingLoadsPeopleWhoseSharedPinOpensASessionAndRunsOnce) {
  std::vector<std::uint64_t> heard;
  auto seeded = seed_demo_population(*app_, 250, [&](std::uint64_t done) { heard.push_back(done); }, 100);
  ASSERT_TRUE(seeded.ok()) << seeded.error().message;
  EXPECT_EQ(seeded->added, 250u);
  EXPECT_EQ(heard, (std::vector<std::uint64_t>{100, 200, 250}));

  const auto person = DemoPopulation(ctx().places).person(249, now());
  auto opened = Login(ctx()).run({person->codice_fiscale, Secret(kDemoPopulationPin)});
  EXPECT_TRUE(opened.ok()) << opened.error().message;

  auto again = seed_demo_population(*app_, 300);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 50u);
  EXPECT_FALSE(seed_demo_population(*app_, DemoPopulation(ctx().places).capacity() + 1).ok());
}

}  // namespace
}  // namespace sportello::testing
