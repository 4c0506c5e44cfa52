// store/lockout_repository: the one statement that counts an attempt does what LockoutPolicy::after_failure
// says, for a fresh code, a consecutive failure, a blocked code (nothing counted) and a forgotten count; the
// purge drops exactly what LockoutPolicy::forgotten says, and the table keeps no trace of who holds a PIN.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "store_fixture.h"

namespace sportello::testing {
namespace {

const Instant kLockoutStart = from_unix(1'800'000'000);
const std::string kCode = "RSSMRA85T10H501O";

class LockoutRepositoryStore : public StoreFixture {
 protected:
  LockoutAttempt reserve(Instant at) {
    LockoutAttempt attempt;
    EXPECT_TRUE(run([&](Repositories& repos) -> Status {
      attempt = repos.lockouts().reserve_attempt(kCode, policy_, at);
      return Ok{};
    }).ok());
    return attempt;
  }
  LockoutState find() {
    LockoutState state;
    EXPECT_TRUE(run([&](Repositories& repos) -> Status {
      state = repos.lockouts().find(kCode);
      return Ok{};
    }).ok());
    return state;
  }
  int purge(Instant at) {
    int purged = -1;
    EXPECT_TRUE(run([&](Repositories& repos) -> Status {
      purged = repos.lockouts().purge_forgotten(policy_, at);
      return Ok{};
    }).ok());
    return purged;
  }

  const LockoutPolicy policy_{Minutes{3}, Hours{24}};
};

TEST_F(LockoutRepositoryStore, EachAttemptIsCountedAsThePolicySays) {
  struct Step {
    const char* name;
    Seconds after;  // since the previous step
    bool allowed;
  };
  const Step steps[] = {
      {"a fresh code", Seconds{0}, true},
      {"during the block: refused, nothing counted", Minutes{1}, false},
      {"right after the block: the second failure", Minutes{2}, true},
      {"long after the 6-minute block, a minute short of a day since the last failure", Hours{24} - Minutes{1}, true},
      {"the block just earned", Seconds{1}, false},
      {"the 9-minute block and a day after the last failure: forgotten, one again", Hours{24} + Minutes{9}, true},
  };
  Instant at = kLockoutStart;
  LockoutState expected;
  for (const Step& step : steps) {
    at += step.after;
    const LockoutAttempt attempt = reserve(at);
    EXPECT_EQ(attempt.allowed, step.allowed) << step.name;
    if (step.allowed) expected = policy_.after_failure(expected, at);
    EXPECT_EQ(attempt.state, expected) << step.name;
    EXPECT_EQ(find(), expected) << step.name;
  }
  EXPECT_EQ(expected.consecutive_failures, 1);
}

TEST_F(LockoutRepositoryStore, ThePurgeDropsExactlyTheForgottenCounts) {
  reserve(kLockoutStart);
  const LockoutState state = find();
  for (const Instant at : {kLockoutStart + Minutes{3}, kLockoutStart + Hours{24} - Seconds{1}}) {
    EXPECT_FALSE(policy_.forgotten(state, at));
    EXPECT_EQ(purge(at), 0);
  }
  EXPECT_TRUE(policy_.forgotten(state, kLockoutStart + Hours{24}));
  EXPECT_EQ(purge(kLockoutStart + Hours{24}), 1);
  EXPECT_EQ(find(), LockoutState{});
}

TEST_F(LockoutRepositoryStore, TheTableKeepsNoTraceOfWhoHoldsAPin) {
  Database::Lease lease(*db_);
  std::vector<std::string> columns(10);
  lease.session() << (database_.postgresql()
                          ? "SELECT column_name FROM information_schema.columns WHERE table_name = 'lockouts' "
                            "ORDER BY ordinal_position"
                          : "SELECT name FROM pragma_table_info('lockouts') ORDER BY cid"),
      soci::into(columns);
  EXPECT_EQ(columns, (std::vector<std::string>{"attempt_key", "failures", "blocked_until", "last_failure_at"}));
}

}  // namespace
}  // namespace sportello::testing
