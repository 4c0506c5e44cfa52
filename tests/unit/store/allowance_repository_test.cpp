// store/allowance_repository and the other counts of issue 15: an allowance grants `limit` uses in a window
// and then refuses (saying when the window ends) without counting; the window's end starts it afresh; keys
// and actions count apart; the purge drops only windows that ended. Letters are counted per address block in
// a window; recovery requests wait in a queue that one round at a time takes.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace sportello::testing {
namespace {

const Instant kAllowanceStart = from_unix(1'800'000'000);
const Allowance kThreeADay{3, Hours{24}};

class AllowanceStore : public StoreFixture {
 protected:
  AllowanceUse take(const std::string& action, const std::string& key, Instant at, Allowance a = kThreeADay) {
    AllowanceUse use;
    EXPECT_TRUE(run([&](Repositories& repos) -> Status {
      use = repos.allowances().take(action, key, a, at);
      return Ok{};
    }).ok());
    return use;
  }
};

TEST_F(AllowanceStore, GrantsTheLimitThenRefusesUntilTheWindowEnds) {
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(take("recovery", "RSSMRA85T10H501O", kAllowanceStart + Minutes{i}).granted) << i;
  const AllowanceUse refused = take("recovery", "RSSMRA85T10H501O", kAllowanceStart + Hours{5});
  EXPECT_FALSE(refused.granted);
  EXPECT_EQ(refused.next_free, kAllowanceStart + Hours{24});  // the window opened with the first use
  EXPECT_FALSE(take("recovery", "RSSMRA85T10H501O", kAllowanceStart + Hours{24} - Seconds{1}).granted);
  EXPECT_TRUE(take("recovery", "RSSMRA85T10H501O", kAllowanceStart + Hours{24}).granted);  // a new window
  EXPECT_TRUE(take("recovery", "RSSMRA85T10H501O", kAllowanceStart + Hours{25}).granted);
  EXPECT_TRUE(take("recovery", "RSSMRA85T10H501O", kAllowanceStart + Hours{26}).granted);
  const AllowanceUse again = take("recovery", "RSSMRA85T10H501O", kAllowanceStart + Hours{27});
  EXPECT_FALSE(again.granted);
  EXPECT_EQ(again.next_free, kAllowanceStart + Hours{48});
}

TEST_F(AllowanceStore, KeysAndActionsCountApart) {
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(take("request", "A", kAllowanceStart).granted);
  EXPECT_FALSE(take("request", "A", kAllowanceStart).granted);
  EXPECT_TRUE(take("request", "B", kAllowanceStart).granted);
  EXPECT_TRUE(take("recovery", "A", kAllowanceStart).granted);
}

TEST_F(AllowanceStore, ALimitOfZeroRefusesEveryUse) {
  EXPECT_FALSE(take("renewal", "A", kAllowanceStart, Allowance{0, Hours{1}}).granted);
}

TEST_F(AllowanceStore, ThePurgeDropsOnlyWindowsThatEnded) {
  take("request", "old", kAllowanceStart);
  take("request", "new", kAllowanceStart + Hours{20});
  int purged = -1;
  ASSERT_TRUE(run([&](Repositories& repos) -> Status {
    purged = repos.allowances().purge_ended(Hours{24}, kAllowanceStart + Hours{30});
    return Ok{};
  }).ok());
  EXPECT_EQ(purged, 1);
  // "new" still counts its use: two more, then refused.
  EXPECT_TRUE(take("request", "new", kAllowanceStart + Hours{30}).granted);
  EXPECT_TRUE(take("request", "new", kAllowanceStart + Hours{30}).granted);
  EXPECT_FALSE(take("request", "new", kAllowanceStart + Hours{30}).granted);
}

TEST_F(AllowanceStore, LettersAreCountedPerAddressBlockInTheWindow) {
  const std::string home = "MARIO ROSSI\nVIA ROMA 1\n00100 ROMA (RM)";
  ASSERT_TRUE(run([&](Repositories& repos) -> Status {
    for (int i = 0; i < 3; ++i) {
      OutboxMessage m;
      m.event_key = "letter:" + std::to_string(i);
      m.channel = i == 2 ? Channel::email : Channel::letter;  // an e-mail to the same "recipient" is no letter
      m.recipient = home;
      m.template_name = "pin_second_half_letter";
      m.created_at = kAllowanceStart + Days{i * 20};
      m.next_attempt_at = m.created_at;
      repos.outbox().enqueue(m);
    }
    EXPECT_EQ(repos.outbox().count_letters_to(home, kAllowanceStart), 2);
    EXPECT_EQ(repos.outbox().count_letters_to(home, kAllowanceStart + Days{1}), 1);
    EXPECT_EQ(repos.outbox().count_letters_to("SOMEONE ELSE", kAllowanceStart), 0);
    return Ok{};
  }).ok());
}

TEST_F(AllowanceStore, AQueuedRecoveryIsTakenOnce) {
  ASSERT_TRUE(run([&](Repositories& repos) -> Status {
    repos.recoveries().queue_request("sealed-1", kAllowanceStart);
    repos.recoveries().queue_request("sealed-2", kAllowanceStart);
    return Ok{};
  }).ok());
  ASSERT_TRUE(run([&](Repositories& repos) -> Status {
    const auto queued = repos.recoveries().queued_requests(10);
    EXPECT_EQ(queued.size(), 2u);
    EXPECT_EQ(queued.at(0).second, "sealed-1");
    EXPECT_TRUE(repos.recoveries().take_request(queued.at(0).first));
    EXPECT_FALSE(repos.recoveries().take_request(queued.at(0).first));  // another round took it
    EXPECT_EQ(repos.recoveries().queued_requests(10).size(), 1u);
    return Ok{};
  }).ok());
}

}  // namespace
}  // namespace sportello::testing
