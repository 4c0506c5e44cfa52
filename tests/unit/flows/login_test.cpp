// SPEC §3: login, the progressive 3/6/9-minute lockout, unknown codes treated alike, rotation, expiry, renewal.
#include <gtest/gtest.h>

#include <thread>

#include "flows/renew_pin.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

class LoginFlow : public AppFixture {
 protected:
  Result<OpenedSession> try_login(const std::string& code, const std::string& pin) {
    return Login(ctx()).run({code, Secret(pin)});
  }
  void revoke_pin_of(const std::string& code) {
    ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      auto citizen = repos.citizens().find_by_codice_fiscale(code);
      auto credential = repos.credentials().find_by_citizen(citizen->id);
      (void)credential->revoke(now());
      repos.credentials().update(*credential);
      return Ok{};
    }).ok());
  }
  LockoutState lockout_of(const std::string& code) {
    LockoutState state;
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      state = repos.lockouts().find(code);
      return Ok{};
    }).ok());
    return state;
  }
};

// Row: what happens at each step of a sequence of attempts on one code.
struct Attempt {
  Seconds wait;            // advance the clock first
  bool right_pin;
  const char* expected;    // "ok", "wrong-pin" or "blocked"
  Seconds retry_after;     // the block announced
};

TEST_F(LoginFlow, WrongPinsBlockForThreeSixNineMinutesAndAttemptsDuringABlockDoNotCount) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  const Attempt rows[] = {
      {Seconds{0}, false, "wrong-pin", Minutes{3}},
      {Minutes{1}, false, "blocked", Minutes{2}},     // refused without checking, not counted
      {Seconds{0}, true, "blocked", Minutes{2}},      // even the right PIN waits
      {Minutes{2}, false, "wrong-pin", Minutes{6}},   // 2nd consecutive failure
      {Minutes{6}, false, "wrong-pin", Minutes{9}},   // 3rd
      {Minutes{8}, false, "blocked", Minutes{1}},
      {Minutes{1}, true, "ok", Seconds{0}},           // right PIN resets the count
      {Seconds{0}, false, "wrong-pin", Minutes{3}},   // so the next failure blocks 3 minutes again
  };
  int step = 0;
  for (const Attempt& row : rows) {
    clock().advance(row.wait);
    auto result = try_login(who.codice_fiscale, row.right_pin ? "CASA2026" : "WRONG123");
    const std::string outcome = result.ok() ? "ok" : result.error().code;
    EXPECT_EQ(outcome, row.expected) << "step " << step;
    if (!result.ok()) {
      EXPECT_EQ(result.error().retry_after, row.retry_after) << "step " << step;
    }
    ++step;
  }
}

TEST_F(LoginFlow, AnUnknownCodeBlocksExactlyLikeAKnownOne) {
  const ApplicantInput known = mario(ctx().places);
  active_holder(ctx(), known, "CASA2026");
  const std::string unknown = giulia(ctx().places).codice_fiscale;
  for (int i = 0; i < 3; ++i) {
    auto a = try_login(known.codice_fiscale, "WRONG123");
    auto b = try_login(unknown, "WRONG123");
    ASSERT_FALSE(a.ok());
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(a.error().code, b.error().code);
    EXPECT_EQ(a.error().message, b.error().message);
    EXPECT_EQ(a.error().retry_after, b.error().retry_after);
    auto blocked_a = try_login(known.codice_fiscale, "WRONG123");
    auto blocked_b = try_login(unknown, "WRONG123");
    EXPECT_EQ(blocked_a.error().code, "blocked");
    EXPECT_EQ(blocked_b.error().code, "blocked");
    EXPECT_EQ(blocked_a.error().retry_after, blocked_b.error().retry_after);
    clock().advance(a.error().retry_after);
  }
}

// Issue 15: one lifecycle for every code. The old purge forgot a stranger's count once its block ended and
// kept a holder's, so a second wrong PIN a few minutes later blocked a holder for 6 minutes and a stranger for 3.
TEST_F(LoginFlow, AHolderAndAStrangerShareOneCounterLifecycleWhateverThePurgeDoes) {
  const ApplicantInput known = mario(ctx().places);
  active_holder(ctx(), known, "CASA2026");
  const std::string stranger = giulia(ctx().places).codice_fiscale;
  int purged = 0;
  auto purge = [&] {
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      purged = repos.lockouts().purge_forgotten(ctx().policies.lockout, now());
      return Ok{};
    }).ok());
  };
  std::vector<Seconds> holder_waits, stranger_waits;
  auto wrong_both = [&] {
    auto a = try_login(known.codice_fiscale, "WRONG123");
    auto b = try_login(stranger, "WRONG123");
    ASSERT_FALSE(a.ok());
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(a.error().code, b.error().code);
    EXPECT_EQ(a.error().message, b.error().message);
    holder_waits.push_back(a.error().retry_after);
    stranger_waits.push_back(b.error().retry_after);
  };
  wrong_both();                    // 3 minutes
  clock().advance(Minutes{5});     // the block is over; a purge now drops nothing: the day has not passed
  purge();
  EXPECT_EQ(purged, 0);
  wrong_both();                    // 6 minutes, for both
  clock().advance(Hours{23} + Minutes{59});
  purge();
  EXPECT_EQ(purged, 0);            // a day since the last wrong PIN has not passed yet
  wrong_both();                    // 9 minutes, for both
  clock().advance(Minutes{9} + Hours{24});
  wrong_both();                    // forgotten, purge or not: 3 minutes again
  clock().advance(Minutes{3} + Hours{24});
  purge();
  EXPECT_EQ(purged, 2);            // both counts leave storage alike
  wrong_both();
  EXPECT_EQ(holder_waits, stranger_waits);
  EXPECT_EQ(holder_waits, (std::vector<Seconds>{Minutes{3}, Minutes{6}, Minutes{9}, Minutes{3}, Minutes{3}}));
}

// Issue 15: a holder's wrong PIN wrote an audit row a stranger's did not, a write whose time could tell who
// holds a PIN. Now both write the same rows; only the holder's names a subject.
TEST_F(LoginFlow, AWrongPinWritesTheSameRowsWhetherOrNotTheCodeHoldsAPin) {
  const ApplicantInput known = mario(ctx().places);
  active_holder(ctx(), known, "CASA2026");
  const std::string stranger = giulia(ctx().places).codice_fiscale;
  auto written = [&] {
    std::vector<AuditEntry> rows;
    EXPECT_TRUE(ctx().store.read([&](Repositories& repos) -> Status {
      rows = repos.audit().read(1, 100000);
      return Ok{};
    }).ok());
    return rows;
  };
  std::vector<std::string> subjects;
  for (const std::string& code : {known.codice_fiscale, stranger}) {
    const std::size_t before = written().size(), messages = outbox(ctx()).size();
    ASSERT_EQ(try_login(code, "WRONG123").error().code, "wrong-pin");
    const auto after = written();
    EXPECT_EQ(outbox(ctx()).size(), messages) << "no message either way";
    ASSERT_EQ(after.size(), before + 1) << code;
    EXPECT_EQ(after.back().action, "pin.wrong");
    EXPECT_EQ(after.back().actor, "anonymous");
    EXPECT_EQ(lockout_of(code).consecutive_failures, 1) << code;
    subjects.push_back(after.back().subject);
  }
  EXPECT_FALSE(subjects[0].empty()) << "the holder's row names the holder";
  EXPECT_EQ(subjects[1], "") << "a stranger's names no one (and never the code typed)";
}

TEST_F(LoginFlow, ParallelWrongPinsAtOneCodeCheckOnePin) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  constexpr int kTries = 20;
  std::vector<std::thread> threads;
  std::vector<std::string> codes(kTries);
  for (int i = 0; i < kTries; ++i)
    threads.emplace_back([&, i] {
      auto r = Login(ctx()).run({who.codice_fiscale, Secret("WRONG" + std::to_string(100 + i))});
      codes[i] = r.ok() ? "ok" : r.error().code;
    });
  for (auto& t : threads) t.join();
  // The attempt is counted before the PIN is checked: one try checked a PIN, the others found the code blocked.
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "wrong-pin"), 1);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "blocked"), kTries - 1);
  const LockoutState state = lockout_of(who.codice_fiscale);
  EXPECT_EQ(state.consecutive_failures, 1);
  EXPECT_EQ(state.blocked_until, now() + Minutes{3});
}

TEST_F(LoginFlow, AfterThreeCalendarMonthsLoginLeadsOnlyToTheChangeStep) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");  // set on 31 January 2026, 10:00 Rome
  const Instant due = add_calendar_months(now(), 3);
  EXPECT_EQ(format_rome_datetime(due), "2026-04-30 10:00");  // 31 Jan + 3 months = 30 April, across DST
  clock().set(due - Seconds{1});
  EXPECT_EQ(login(ctx(), who.codice_fiscale, "CASA2026").session.required_action, RequiredAction::none);
  clock().set(due);
  EXPECT_EQ(login(ctx(), who.codice_fiscale, "CASA2026").session.required_action, RequiredAction::change_pin);
}

TEST_F(LoginFlow, AnIssuedPinUnusedFor90DaysExpiresAndIsRenewedWithTheExpiredPin) {
  const ApplicantInput who = mario(ctx().places);
  const std::string issued = request_and_confirm(ctx(), who);
  clock().advance(Days{90} - Seconds{1});
  EXPECT_TRUE(try_login(who.codice_fiscale, issued).ok());
  clock().advance(Seconds{1});
  EXPECT_EQ(try_login(who.codice_fiscale, issued).error().code, "pin-expired");

  EXPECT_EQ(RenewPin(ctx()).run({who.codice_fiscale, Secret("WRONGWRONGWRONG2")}).error().code, "wrong-pin");
  clock().advance(Minutes{3});
  ASSERT_TRUE(RenewPin(ctx()).run({who.codice_fiscale, Secret(issued)}).ok());
  const auto first = last_message(ctx(), "pin_renewed_first_half");
  const auto second = last_message(ctx(), "pin_renewed_second_half");
  EXPECT_EQ(first.channel, Channel::sms);
  EXPECT_EQ(second.channel, Channel::email);
  const std::string renewed = secret_in(ctx(), first) + secret_in(ctx(), second);
  EXPECT_NE(renewed, issued);
  EXPECT_EQ(login(ctx(), who.codice_fiscale, renewed).session.required_action, RequiredAction::set_pin);
  EXPECT_EQ(try_login(who.codice_fiscale, issued).error().code, "wrong-pin");
}

TEST_F(LoginFlow, RenewalRefusesAPinThatHasNotExpired) {
  const ApplicantInput who = mario(ctx().places);
  const std::string issued = request_and_confirm(ctx(), who);
  EXPECT_EQ(RenewPin(ctx()).run({who.codice_fiscale, Secret(issued)}).error().code, "pin-not-expired");
}

TEST_F(LoginFlow, TypedPinsIgnoreCaseSpacesAndDashes) {
  const ApplicantInput who = mario(ctx().places);
  const std::string issued = request_and_confirm(ctx(), who);
  std::string typed = issued.substr(0, 4) + " " + issued.substr(4, 4) + "-" + issued.substr(8);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(try_login(who.codice_fiscale, typed).ok());
}

TEST_F(LoginFlow, ARevokedPinCannotLogIn) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  revoke_pin_of(who.codice_fiscale);
  EXPECT_EQ(try_login(who.codice_fiscale, "CASA2026").error().code, "pin-revoked");
}

// The session opens in the transaction that resets the count; when the credential refuses the login, that
// transaction's writes are undone but the right PIN still forgives the earlier wrong ones.
TEST_F(LoginFlow, ARightPinThatCannotLogInOpensNothingAndStillResetsTheCount) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  ASSERT_EQ(try_login(who.codice_fiscale, "WRONG123").error().code, "wrong-pin");
  ASSERT_EQ(lockout_of(who.codice_fiscale).consecutive_failures, 1);
  revoke_pin_of(who.codice_fiscale);
  clock().advance(Minutes{3});
  auto actions = [&] {
    std::vector<std::string> out;
    EXPECT_TRUE(ctx().store.read([&](Repositories& repos) -> Status {
      for (const AuditEntry& row : repos.audit().read(1, 100000)) out.push_back(row.action);
      return Ok{};
    }).ok());
    return out;
  };
  const auto before = actions();

  EXPECT_EQ(try_login(who.codice_fiscale, "CASA2026").error().code, "pin-revoked");
  EXPECT_EQ(lockout_of(who.codice_fiscale), LockoutState{}) << "the right PIN reset the count";
  EXPECT_EQ(actions(), before) << "no login row, and no session behind it";

  EXPECT_EQ(try_login(who.codice_fiscale, "WRONG123").error().retry_after, Minutes{3})
      << "the next wrong PIN is a first one again";
}

TEST_F(LoginFlow, AHashIsUpgradedWhenTheConfiguredParametersGrow) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  Config stronger = base_config();
  stronger.argon2.iterations = 2;
  open(stronger);
  EXPECT_NE(credential_of(ctx(), who.codice_fiscale)->pin_hash.find("t=1"), std::string::npos);
  login(ctx(), who.codice_fiscale, "CASA2026");
  const std::string upgraded = credential_of(ctx(), who.codice_fiscale)->pin_hash;
  EXPECT_NE(upgraded.find("t=2"), std::string::npos);
  EXPECT_TRUE(try_login(who.codice_fiscale, "CASA2026").ok());
}

TEST_F(LoginFlow, AMalformedCodeIsRefusedBeforeAnyLookup) {
  EXPECT_EQ(try_login("RSSMRA85T10H501", "CASA2026").error().code, "invalid-cf-length");
  EXPECT_EQ(lockout_of("RSSMRA85T10H501").consecutive_failures, 0);
}

}  // namespace
}  // namespace sportello::testing
