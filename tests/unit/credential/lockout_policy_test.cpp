#include "credential/lockout_policy.h"

#include <gtest/gtest.h>

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
