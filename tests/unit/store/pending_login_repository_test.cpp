// store/pending_login_repository (issue 12): a login waiting for an IdP's answer is found once by its RelayState
// hash and is gone after; expired ones are purged, live ones kept.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace sportello::testing {
namespace {

const Instant kSentAt = from_unix(1'800'000'000);

federation::PendingLogin pending(const std::string& relay, const std::string& request_id, Instant at) {
  federation::PendingLogin login;
  login.relay_hash = relay;
  login.request_id = request_id;
  login.idp_entity_id = "https://idp.example";
  login.level = federation::SpidLevel::L3;
  login.browser_hash = "b" + relay;
  login.return_path = "/area-riservata/cu?anno=2025";
  login.created_at = at;
  login.expires_at = at + Minutes{15};
  return login;
}

class PendingLoginStore : public StoreFixture {
 protected:
  std::optional<federation::PendingLogin> take(const std::string& relay) {
    std::optional<federation::PendingLogin> found;
    EXPECT_TRUE(run([&](Repositories& repos) -> Status {
      found = repos.pending_logins().take(relay);
      return Ok{};
    }).ok());
    return found;
  }
  void add(const federation::PendingLogin& login) {
    ASSERT_TRUE(run([&](Repositories& repos) -> Status {
      repos.pending_logins().add(login);
      return Ok{};
    }).ok());
  }
};

TEST_F(PendingLoginStore, ALoginIsTakenOnceWithEverythingItWasSentWith) {
  add(pending("r1", "_req1", kSentAt));
  const auto found = take("r1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->request_id, "_req1");
  EXPECT_EQ(found->idp_entity_id, "https://idp.example");
  EXPECT_EQ(found->level, federation::SpidLevel::L3);
  EXPECT_EQ(found->browser_hash, "br1");
  EXPECT_EQ(found->return_path, "/area-riservata/cu?anno=2025");
  EXPECT_EQ(found->created_at, kSentAt);
  EXPECT_EQ(found->expires_at, kSentAt + Minutes{15});
  EXPECT_FALSE(take("r1")) << "a replayed answer finds nothing";
  EXPECT_FALSE(take("unknown"));
}

TEST_F(PendingLoginStore, APurgeDropsOnlyExpiredLogins) {
  add(pending("old", "_old", kSentAt));
  add(pending("new", "_new", kSentAt + Minutes{10}));
  int purged = -1;
  ASSERT_TRUE(run([&](Repositories& repos) -> Status {
    purged = repos.pending_logins().purge_expired(kSentAt + Minutes{20});
    return Ok{};
  }).ok());
  EXPECT_EQ(purged, 1);
  EXPECT_FALSE(take("old"));
  EXPECT_TRUE(take("new"));
}

TEST_F(PendingLoginStore, ARequestIdIsNeverStoredTwice) {
  add(pending("a", "_same", kSentAt));
  EXPECT_FALSE(run([&](Repositories& repos) -> Status {
    repos.pending_logins().add(pending("b", "_same", kSentAt));
    return Ok{};
  }).ok());
}

}  // namespace
}  // namespace sportello::testing
