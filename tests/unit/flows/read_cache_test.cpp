// Issue 3: GET /me is served from a short memory of the session and the holder. This process's writes are
// seen at once; another process's within the cache's time to live (SPEC §9: revocation ends every session).
#include <gtest/gtest.h>

#include "flows/profile.h"
#include "flows/read_cache.h"
#include "flows/revoke_pin.h"
#include "flows/sessions.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

const Instant kT0 = test_start();

TEST(ReadCache, ServesAnEntryOnlyForItsGenerationAndWithinItsTimeToLive) {
  ReadCache<int> cache(Seconds{2});
  cache.put("k", 7, 5, kT0);
  EXPECT_EQ(cache.find("k", 5, kT0), 7);
  EXPECT_EQ(cache.find("k", 5, kT0 + Seconds{1}), 7);
  EXPECT_EQ(cache.find("k", 5, kT0 + Seconds{2}), std::nullopt) << "time to live over";
  EXPECT_EQ(cache.find("k", 6, kT0), std::nullopt) << "a write committed since";
  EXPECT_EQ(cache.find("k", 5, kT0 - Seconds{1}), std::nullopt) << "a clock that went back";
  EXPECT_EQ(cache.find("other", 5, kT0), std::nullopt);
}

TEST(ReadCache, AZeroTimeToLiveKeepsNothing) {
  ReadCache<int> cache(Seconds{0});
  cache.put("k", 7, 1, kT0);
  EXPECT_EQ(cache.find("k", 1, kT0), std::nullopt);
}

TEST(ReadCache, StaysBoundedInSize) {
  ReadCache<int> cache(Seconds{60}, 160);
  for (int i = 0; i < 10000; ++i) cache.put("key" + std::to_string(i), i, 1, kT0);
  int kept = 0;
  for (int i = 0; i < 10000; ++i) kept += cache.find("key" + std::to_string(i), 1, kT0).has_value();
  EXPECT_GT(kept, 0);
  EXPECT_LE(kept, 160);
}

class CachedReadsTest : public AppFixture {};

TEST_F(CachedReadsTest, ThisProcessSeesItsOwnLogoutAndRevocationAtOnce) {
  OpenedSession opened = active_holder(ctx(), mario(ctx().places), "W7XQ2ZKJ");
  ASSERT_TRUE(Sessions(ctx()).authenticate(opened.token).ok());
  ASSERT_TRUE(Sessions(ctx()).authenticate(opened.token).ok()) << "now from memory";
  auto session = Sessions(ctx()).authenticate(opened.token);
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(Profile(ctx()).citizen(*session).ok());
  ASSERT_TRUE(RevokePin(ctx()).by_holder(*session, Secret("W7XQ2ZKJ")).ok());
  EXPECT_FALSE(Sessions(ctx()).authenticate(opened.token).ok()) << "revoked in this process: seen at once";
  auto profile = Profile(ctx()).citizen(*session);
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->credential->state, CredentialState::revoked);
}

TEST_F(CachedReadsTest, AnotherProcessesRevocationIsSeenWithinTheTimeToLive) {
  OpenedSession opened = active_holder(ctx(), mario(ctx().places), "W7XQ2ZKJ");
  ASSERT_TRUE(Sessions(ctx()).authenticate(opened.token).ok());  // remembered now
  // A second App on the same database stands for sportelloctl or another node.
  auto other = App::open(app_->config(), clock_);
  ASSERT_TRUE(other.ok()) << other.error().message;
  ASSERT_TRUE(RevokePin((*other)->context()).by_staff(kConsole, mario(ctx().places).codice_fiscale, true, "lost").ok());
  EXPECT_TRUE(Sessions(ctx()).authenticate(opened.token).ok()) << "within the time to live the memory still serves";
  clock().advance(app_->config().session.read_cache_ttl);
  auto after = Sessions(ctx()).authenticate(opened.token);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, "session-ended");
}

}  // namespace
}  // namespace sportello::testing
