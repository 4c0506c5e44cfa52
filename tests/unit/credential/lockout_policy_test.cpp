#include "credential/lockout_policy.h"

#include <gtest/gtest.h>

#include "core/civil_time.h"

namespace sportello {
namespace {

using namespace std::chrono;

const Instant kNow = Instant{sys_days{year{2026} / 3 / 29}} + hours{9};

TEST(Lockout, TheNthConsecutiveWrongPinBlocksForNTimesThreeMinutes) {
  const LockoutPolicy policy{Minutes{3}};
  struct Case {
    int failures;
    Minutes block;
  };
  const Case cases[] = {{1, Minutes{3}}, {2, Minutes{6}}, {3, Minutes{9}}, {4, Minutes{12}}, {5, Minutes{15}}};
  for (const auto& c : cases) EXPECT_EQ(policy.block_for(c.failures), c.block) << c.failures << " failures";
  EXPECT_EQ(policy.step(), Minutes{3});
}

TEST(Lockout, ThirdWrongPinBlocksNineMinutes) {
  const LockoutPolicy policy{Minutes{3}};
  const LockoutState state{3, kNow + policy.block_for(3)};
  EXPECT_EQ(policy.remaining(state, kNow), Minutes{9});
}

// What people are told (docs/decisions/0008): the wait in whole minutes and the clock time of the next try,
// both rounded up, so that trying at the time said is never refused.
TEST(Lockout, TheNextTryIsToldInWholeMinutesAndAtAClockTimeRoundedUp) {
  struct Case {
    const char* name;
    Instant now;
    Seconds left;
    long long minutes;
    const char* rome_time;
  };
  const Instant nine = kNow;  // 2026-03-29 09:00 UTC, 11:00 in Rome (summer time began at 01:00 UTC)
  const Case cases[] = {
      {"a block of 3 minutes from a whole minute", nine, Minutes{3}, 3, "11:03"},
      {"from 20 seconds past the minute", nine + Seconds{20}, Minutes{3}, 3, "11:04"},
      {"a second left", nine + Seconds{59}, Seconds{1}, 1, "11:01"},
      {"2 seconds (the tests' step)", nine + Seconds{10}, Seconds{2}, 1, "11:01"},
      {"9 minutes and a second", nine, Minutes{9} + Seconds{1}, 10, "11:10"},
      {"across midnight", Instant{sys_days{year{2026} / 1 / 10}} + hours{22} + minutes{58}, Minutes{3}, 3, "00:01"},
      {"across the autumn change", Instant{sys_days{year{2026} / 10 / 25}} + minutes{59}, Minutes{3}, 3, "02:02"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(minutes_to_wait(c.left), c.minutes) << c.name;
    EXPECT_EQ(format_rome_time(next_try_at(c.now, c.left)), c.rome_time) << c.name;
    EXPECT_GE(next_try_at(c.now, c.left), c.now + c.left) << c.name << ": never before the block ends";
  }
}

TEST(Lockout, TheStepComesFromConfiguration) {
  const LockoutPolicy policy{Seconds{90}};
  EXPECT_EQ(policy.block_for(1), Seconds{90});
  EXPECT_EQ(policy.block_for(4), Minutes{6});
}

TEST(Lockout, RemainingCountsDownToZeroAtTheEndOfTheBlockAndStaysThere) {
  const LockoutPolicy policy{Minutes{3}};
  const LockoutState blocked{2, kNow + Minutes{6}};
  struct Case {
    const char* name;
    Instant now;
    Seconds remaining;
  };
  const Case cases[] = {
      {"as the block starts", kNow, Minutes{6}},
      {"during the block", kNow + Minutes{4}, Minutes{2}},
      {"a second before the end", kNow + Minutes{6} - Seconds{1}, Seconds{1}},
      {"at the end", kNow + Minutes{6}, Seconds{0}},
      {"after the end", kNow + Hours{1}, Seconds{0}},
  };
  for (const auto& c : cases) EXPECT_EQ(policy.remaining(blocked, c.now), c.remaining) << c.name;
}

TEST(Lockout, NeverBlockedMeansNothingRemains) {
  const LockoutPolicy policy{Minutes{3}};
  EXPECT_EQ(policy.remaining(LockoutState{}, kNow), Seconds{0});
  EXPECT_EQ(policy.remaining(LockoutState{1, Instant{}}, kNow), Seconds{0});
}

}  // namespace
}  // namespace sportello
