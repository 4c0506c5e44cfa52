// Issue 15: what a stranger could make the institute spend. An online request, a recovery and a renewal are
// counted per codice fiscale for every code alike (a refusal says nothing about who holds a PIN); letters are
// counted per holder's address; a refusal writes nothing. Recoveries' own allowance is in recovery_test.cpp.
#include <gtest/gtest.h>

#include "flows/allowances.h"
#include "flows/delivery.h"
#include "flows/purge_counters.h"
#include "flows/renew_pin.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

class Allowances : public AppFixture {
 protected:
  // Letters already sent to `citizen`'s address, `age` ago.
  void letters_sent_before(const std::string& codice_fiscale, int count, Seconds age) {
    ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      const auto citizen = repos.citizens().find_by_codice_fiscale(codice_fiscale);
      EXPECT_TRUE(citizen);
      for (int i = 0; i < count; ++i)
        queue_message(repos, ctx().box,
                      {"earlier-letter:" + std::to_string(i), Route{Channel::letter, postal_address(*citizen)},
                       "pin_revoked", {{"name", citizen->data.name}}, ""},
                      now() - age);
      return Ok{};
    }).ok());
  }
  std::size_t letters() {
    std::size_t n = 0;
    for (const OutboxMessage& m : outbox(ctx())) n += m.channel == Channel::letter;
    return n;
  }
};

TEST_F(Allowances, ACodiceFiscaleMakesThreeOnlineRequestsADayWhetherOrNotItHoldsAPin) {
  const ApplicantInput holder = mario(ctx().places), stranger = giulia(ctx().places);
  active_holder(ctx(), holder, "CASA2026");
  clock().advance(Hours{24});  // the holder's own request is a day old
  std::vector<Error> refusals;
  for (const ApplicantInput& who : {holder, stranger}) {
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(RequestPinOnline(ctx()).run(who).ok()) << who.surname << " " << i;
    const std::size_t messages = outbox(ctx()).size();
    auto fourth = RequestPinOnline(ctx()).run(who);
    ASSERT_FALSE(fourth.ok());
    refusals.push_back(fourth.error());
    EXPECT_EQ(outbox(ctx()).size(), messages) << "a refusal writes nothing";
  }
  expect_alike_refusals(refusals, "too-many-requests", Hours{24});
  clock().advance(Hours{24});
  EXPECT_TRUE(RequestPinOnline(ctx()).run(stranger).ok());
}

TEST_F(Allowances, TheContactCentreCannotPostAFourthLetterInThirtyDays) {
  const ApplicantInput who = mario(ctx().places);
  ASSERT_TRUE(RequestPinOnline(ctx()).run(who).ok());
  letters_sent_before(who.codice_fiscale, 3, Days{29});
  const std::size_t before = letters();
  const Status refused = ReviewRequest(ctx()).confirm(kConsole, who.codice_fiscale);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "too-many-letters");
  EXPECT_EQ(refused.error().kind, ErrorKind::limited);
  EXPECT_EQ(letters(), before);
  EXPECT_EQ(credential_of(ctx(), who.codice_fiscale)->state, CredentialState::awaiting_confirmation);
  // Two days on, the oldest letters have left the window; the request is still within its 48 hours.
  clock().advance(Days{1} + Hours{1});
  ASSERT_TRUE(ReviewRequest(ctx()).confirm(kConsole, who.codice_fiscale).ok());
  EXPECT_EQ(letters(), before + 1);
}

TEST_F(Allowances, ADuplicateRequestTellsAHolderReachedOnlyByPostNoMoreThanTheLettersAllow) {
  // A holder with no mobile, e-mail or PEC is told of a duplicate request by letter: a stranger repeating
  // requests must not post letter after letter, and the answer stays the same.
  ctx().policies.requests_per_code.limit = 100;
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
    auto citizen = repos.citizens().find_by_codice_fiscale(who.codice_fiscale);
    citizen->contacts = Contacts{};
    repos.citizens().update(*citizen);
    return Ok{};
  }).ok());
  const std::size_t before = letters();
  for (int i = 0; i < 6; ++i) {
    clock().advance(Minutes{1});
    ASSERT_TRUE(RequestPinOnline(ctx()).run(who).ok()) << i;
  }
  EXPECT_EQ(before, 1u);     // the second half of the holder's own PIN, days ago
  EXPECT_EQ(letters(), 3u);  // and two notices: three letters in thirty days
}

TEST_F(Allowances, APinIsRenewedOnlyAsOftenAsTheAllowanceSays) {
  ctx().policies.renewals_per_code = Allowance{1, Days{365}};
  const ApplicantInput who = mario(ctx().places);
  const std::string issued = request_and_confirm(ctx(), who);
  clock().advance(Days{91});
  ASSERT_TRUE(RenewPin(ctx()).run({who.codice_fiscale, Secret(issued)}).ok());
  const std::string renewed = secret_in(ctx(), last_message(ctx(), "pin_renewed_first_half")) +
                              secret_in(ctx(), last_message(ctx(), "pin_renewed_second_half"));
  clock().advance(Days{91});
  const std::size_t messages = outbox(ctx()).size();
  const Status refused = RenewPin(ctx()).run({who.codice_fiscale, Secret(renewed)});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "too-many-renewals");
  EXPECT_EQ(refused.error().retry_after, Days{365} - Days{91});
  EXPECT_EQ(outbox(ctx()).size(), messages);
  EXPECT_EQ(credential_of(ctx(), who.codice_fiscale)->state, CredentialState::issued);
}

TEST_F(Allowances, ThePurgeDropsWindowsThatEndedAndForgottenLockoutsAndNothingThatStillCounts) {
  const ApplicantInput who = mario(ctx().places);
  ASSERT_TRUE(RecoverPin(ctx()).start({who.codice_fiscale, who.mobile, who.email, "", ""}).ok());
  ASSERT_FALSE(Login(ctx()).run({giulia(ctx().places).codice_fiscale, Secret("WRONGPIN")}).ok());
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {  // a SPID login whose answer never came
    repos.pending_logins().add({"relay", "_request", "https://idp.example", federation::SpidLevel::L2, "browser", "",
                                now(), now() + Minutes{15}});
    return Ok{};
  }).ok());
  auto early = purge_counters(ctx());
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->lockouts, 0);
  EXPECT_EQ(early->allowances, 0);
  EXPECT_EQ(early->pending_logins, 0);
  clock().advance(Days{31});  // past every window and the lockout's day
  auto late = purge_counters(ctx());
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->lockouts, 1);
  EXPECT_EQ(late->allowances, 1);
  EXPECT_EQ(late->pending_logins, 1);
}

}  // namespace
}  // namespace sportello::testing
