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

// Issue 15, SPEC §3: a count is forgotten by a day without a wrong PIN once its block is over, for every code.
TEST(Lockout, ACountIsForgottenADayAfterTheLastWrongPinOnceItsBlockIsOver) {
  const LockoutPolicy policy{Minutes{3}, Hours{24}};
  const LockoutState twice{2, kNow + Minutes{6}, kNow};
  struct Case {
    const char* name;
    Instant now;
    bool forgotten;
  };
  const Case cases[] = {
      {"during the block", kNow + Minutes{1}, false},
      {"after the block, within the day", kNow + Hours{12}, false},
      {"a second short of the day", kNow + Hours{24} - Seconds{1}, false},
      {"a day after", kNow + Hours{24}, true},
  };
  for (const auto& c : cases) EXPECT_EQ(policy.forgotten(twice, c.now), c.forgotten) << c.name;
  // A block longer than the day is never cut short.
  const LockoutState long_block{500, kNow + Minutes{1500}, kNow};
  EXPECT_FALSE(policy.forgotten(long_block, kNow + Hours{24}));
  EXPECT_TRUE(policy.forgotten(long_block, kNow + Minutes{1500}));
  EXPECT_TRUE(policy.forgotten(LockoutState{}, kNow)) << "no count at all";
}

TEST(Lockout, AFailureAddsOneStepUnlessTheCountWasForgotten) {
  const LockoutPolicy policy{Minutes{3}, Hours{24}};
  const LockoutState once = policy.after_failure({}, kNow);
  EXPECT_EQ(once, (LockoutState{1, kNow + Minutes{3}, kNow}));
  const LockoutState twice = policy.after_failure(once, kNow + Minutes{4});
  EXPECT_EQ(twice, (LockoutState{2, kNow + Minutes{4} + Minutes{6}, kNow + Minutes{4}}));
  const Instant next_day = kNow + Minutes{4} + Hours{24};
  EXPECT_EQ(policy.after_failure(twice, next_day), (LockoutState{1, next_day + Minutes{3}, next_day}));
  EXPECT_EQ(policy.reset_after(), Hours{24});
  EXPECT_EQ(LockoutPolicy{Minutes{3}}.reset_after(), Hours{24}) << "SPEC §3's day by default";
}

// Staff logins (issue 15): three failures free, then 1, 2, 3 … steps, and the 10th locks for good.
TEST(Lockout, StaffFailuresStartWaitingAfterTheFreeOnesAndLockForGoodAtTheLimit) {
  const LockoutPolicy policy{Minutes{1}, Hours{24}, 10, 3};
  const Minutes waits[] = {Minutes{0}, Minutes{0}, Minutes{0}, Minutes{1}, Minutes{2}, Minutes{3}};
  for (int n = 1; n <= 6; ++n) EXPECT_EQ(policy.block_for(n), waits[n - 1]) << n;
  LockoutState state;
  Instant at = kNow;
  for (int n = 1; n <= 9; ++n) {
    state = policy.after_failure(state, at);
    EXPECT_FALSE(policy.locked_for_good(state)) << n;
    at = state.blocked_until;
  }
  state = policy.after_failure(state, at);
  EXPECT_TRUE(policy.locked_for_good(state));
  EXPECT_EQ(state.blocked_until, kLockedForGood);
  EXPECT_FALSE(policy.forgotten(state, at + Hours{24 * 365})) << "a lock for good does not wear off";
  EXPECT_FALSE(LockoutPolicy{Minutes{3}}.locked_for_good(LockoutState{1000, kNow, kNow})) << "citizens: never";
}

}  // namespace
}  // namespace sportello
