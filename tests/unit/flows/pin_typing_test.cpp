// Issue 14, "Typing the PIN and the lockout": a PIN typed with spaces or dashes between its halves and a
// codice fiscale typed in groups work in every flow that takes them; the first wrong PIN says when the next
// try is possible, in the same words for a code nobody holds; a completed recovery, activation or office
// issuance starts the count afresh.
#include <gtest/gtest.h>

#include <functional>

#include "flows/activate_pin.h"
#include "flows/issue_pin_at_office.h"
#include "flows/recover_pin.h"
#include "flows/renew_pin.h"
#include "flows/revoke_pin.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

// "ok" or the error's code, so that an unexpected success fails the expectation instead of the test binary.
template <typename R>
std::string outcome(const R& result) {
  return result.ok() ? "ok" : result.error().code;
}

class PinTyping : public AppFixture {
 protected:
  Result<OpenedSession> try_login(const std::string& code, const std::string& pin) {
    return Login(ctx()).run({code, Secret(pin)});
  }
  int failures_of(const std::string& code) {
    int failures = 0;
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      failures = repos.lockouts().find(code).consecutive_failures;
      return Ok{};
    }).ok());
    return failures;
  }
  // The codice fiscale as people copy it from the card: in groups, lower case.
  static std::string in_groups(const std::string& code) {
    std::string typed = code.substr(0, 3) + " " + code.substr(3, 3) + " " + code.substr(6, 5) + " " + code.substr(11);
    for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return typed;
  }
};

// Each row joins the two halves of an issued PIN as a person might type them from the letter and the message.
TEST_F(PinTyping, AnIssuedPinTypedWithASeparatorBetweenItsHalvesLogsInChangesAndRevokes) {
  const char* const separators[] = {" ", "-", " - ", "\t", "\u00A0", "\u2013", "  "};
  int person = 0;
  for (const char* separator : separators) {
    ApplicantInput who = mario(ctx().places);
    who.birth_date = "1985-12-1" + std::to_string(person);  // a different person per row
    who.number = std::to_string(10 + person);  // and a home of their own: letters are counted per address
    who.mobile = "+39 333 123456" + std::to_string(person++);
    who = with_code(who, ctx().places);
    const std::string issued = request_and_confirm(ctx(), who);
    const std::string typed = issued.substr(0, 8) + separator + issued.substr(8);
    auto first = try_login(in_groups(who.codice_fiscale), typed);
    ASSERT_TRUE(first.ok()) << '"' << separator << "\": " << first.error().code;
    EXPECT_EQ(first->session.required_action, RequiredAction::set_pin);
    // First access: the 16 characters typed the same way, the personal PIN in two groups.
    auto changed = ChangePin(ctx()).run(first->session, {Secret(typed), Secret(std::string("casa") + separator + "2026")});
    ASSERT_TRUE(changed.ok()) << '"' << separator << "\": " << changed.error().code;
    auto again = try_login(who.codice_fiscale, std::string("CASA") + separator + "2026");
    ASSERT_TRUE(again.ok()) << '"' << separator << "\": " << again.error().code;
    ASSERT_TRUE(RevokePin(ctx()).by_holder(again->session, Secret(std::string("Casa") + separator + "2026")).ok());
  }
}

TEST_F(PinTyping, AnExpiredPinTypedInHalvesIsRenewed) {
  const ApplicantInput who = mario(ctx().places);
  const std::string issued = request_and_confirm(ctx(), who);
  clock().advance(Days{90});
  ASSERT_TRUE(RenewPin(ctx()).run({in_groups(who.codice_fiscale), Secret(issued.substr(0, 8) + " \u2013 " + issued.substr(8))}).ok());
}

TEST_F(PinTyping, ACodiceFiscaleTypedInGroupsCountsTowardsTheSameLockout) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  EXPECT_EQ(outcome(try_login(in_groups(who.codice_fiscale), "WRONG123")), "wrong-pin");
  EXPECT_EQ(failures_of(who.codice_fiscale), 1);
  EXPECT_EQ(outcome(try_login(who.codice_fiscale, "CASA2026")), "blocked");
}

// SPEC §3 and §10: the first wrong PIN blocks for 3 minutes at once, so it says so with the Rome clock time.
TEST_F(PinTyping, TheFirstWrongPinSaysInHowManyMinutesAndAtWhatTimeTheNextTryIsPossible) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  clock().set(Instant{std::chrono::sys_days{std::chrono::year{2026} / 7 / 14}} + Hours{12} + Minutes{29} + Seconds{20});
  struct Row {
    Seconds wait;
    const char* code;
    Seconds retry_after;
    const char* says;
  };
  const Row rows[] = {
      // 14:29:20 in Rome (summer time): blocked until 14:32:20, told 14:33.
      {Seconds{0}, "wrong-pin", Minutes{3}, "Codice fiscale or PIN is not right. For safety the next try is "
                                           "possible in 3 minutes, at 14:33 (Italian time)."},
      {Minutes{1}, "blocked", Minutes{2}, "This codice fiscale is blocked for a while after a wrong PIN: try again "
                                          "in 2 minutes, at 14:33 (Italian time)."},
      {Minutes{2} + Seconds{30}, "wrong-pin", Minutes{6}, "possible in 6 minutes, at 14:39 (Italian time)."},
      {Minutes{5} + Seconds{30}, "blocked", Seconds{30}, "try again in 1 minute, at 14:39 (Italian time)."},
  };
  for (const Row& row : rows) {
    clock().advance(row.wait);
    auto refused = try_login(who.codice_fiscale, "WRONG123");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, row.code);
    EXPECT_EQ(refused.error().retry_after, row.retry_after) << row.code;
    EXPECT_NE(refused.error().message.find(row.says), std::string::npos) << refused.error().message;
  }
}

TEST_F(PinTyping, AnUnknownCodeIsToldExactlyWhatAHolderIsTold) {
  const ApplicantInput known = mario(ctx().places);
  active_holder(ctx(), known, "CASA2026");
  const std::string unknown = giulia(ctx().places).codice_fiscale;
  clock().advance(Seconds{17});  // not on a whole minute, so the rounding shows
  for (int round = 0; round < 3; ++round) {
    for (const char* expected : {"wrong-pin", "blocked"}) {
      auto a = try_login(known.codice_fiscale, "WRONG123");
      auto b = try_login(unknown, "WRONG123");
      ASSERT_FALSE(a.ok());
      ASSERT_FALSE(b.ok());
      EXPECT_EQ(a.error().code, expected);
      EXPECT_EQ(b.error().code, expected);
      EXPECT_EQ(a.error().message, b.error().message);
      EXPECT_EQ(a.error().field, b.error().field);
      EXPECT_EQ(a.error().retry_after, b.error().retry_after);
      if (std::string(expected) == "wrong-pin") clock().advance(Seconds{30});
      else clock().advance(a.error().retry_after);
    }
  }
}

// Each row: after a wrong PIN has blocked the code, a way of getting a PIN afresh that must reset the count.
TEST_F(PinTyping, ACompletedRecoveryActivationOrOfficeIssuanceStartsTheCountAfresh) {
  struct Row {
    const char* name;
    std::function<std::string(const ApplicantInput&)> new_pin;  // returns the PIN that now works
  };
  const Row rows[] = {
      {"recovery",
       [this](const ApplicantInput& who) {
         EXPECT_TRUE(start_recovery(ctx(), {who.codice_fiscale, who.mobile, who.email, "", ""}).ok());
         const std::string sealed = secret_in(ctx(), last_message(ctx(), "recovery_link"));
         const auto space = sealed.find(' ');
         EXPECT_TRUE(RecoverPin(ctx()).confirm(sealed.substr(0, space), sealed.substr(space + 1)).ok());
         return secret_in(ctx(), last_message(ctx(), "recovery_first_half")) +
                secret_in(ctx(), last_message(ctx(), "recovery_second_half"));
       }},
      {"office issuance",
       [this](const ApplicantInput& who) {
         auto issued = IssuePinAtOffice(ctx()).run(Actor::staff("sede", Role::office), {who, "carta d'identità", "CA1"});
         EXPECT_TRUE(issued.ok());
         return issued.ok() ? std::string(issued->pin.reveal()) : std::string();
       }},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const ApplicantInput who = mario(ctx().places);
    if (!credential_of(ctx(), who.codice_fiscale)) active_holder(ctx(), who, "CASA2026");
    clock().advance(Hours{1});
    ASSERT_EQ(outcome(try_login(who.codice_fiscale, "WRONG123")), "wrong-pin");
    ASSERT_EQ(failures_of(who.codice_fiscale), 1);
    const std::string pin = row.new_pin(who);
    EXPECT_EQ(failures_of(who.codice_fiscale), 0);
    EXPECT_TRUE(try_login(who.codice_fiscale, pin).ok()) << "no wait after the new PIN";
  }
}

TEST_F(PinTyping, ACompletedActivationStartsTheCountAfresh) {
  const ApplicantInput who = mario(ctx().places);
  ASSERT_TRUE(RegisterPhoneRequest(ctx()).run(kConsole, {who, "80380000001234567890", "2030-06-30"}).ok());
  const std::string first = secret_in(ctx(), last_message(ctx(), "pin_first_half_letter"));
  ASSERT_EQ(outcome(try_login(who.codice_fiscale, "WRONG123")), "wrong-pin");
  ActivationInput in;
  in.proof = {in_groups(who.codice_fiscale), "80380 00000 1234567890", "2030-06-30"};
  in.contacts.mobile = "333 1234567";
  in.contacts.email = "mario.rossi@example.it";
  in.send_second_half_to = "email";
  ASSERT_TRUE(ActivatePin(ctx()).complete(in).ok());
  EXPECT_EQ(failures_of(who.codice_fiscale), 0);
  const std::string second = secret_in(ctx(), last_message(ctx(), "pin_second_half_activation"));
  EXPECT_TRUE(try_login(who.codice_fiscale, first + " " + second).ok());
}

TEST_F(PinTyping, AFailedRecoveryCodeLeavesTheCountAlone) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  ASSERT_EQ(outcome(try_login(who.codice_fiscale, "WRONG123")), "wrong-pin");
  ASSERT_TRUE(start_recovery(ctx(), {who.codice_fiscale, who.mobile, who.email, "", ""}).ok());
  const std::string sealed = secret_in(ctx(), last_message(ctx(), "recovery_link"));
  EXPECT_EQ(outcome(RecoverPin(ctx()).confirm(sealed.substr(0, sealed.find(' ')), "00000000")), "wrong-recovery-code");
  EXPECT_EQ(failures_of(who.codice_fiscale), 1);
}

}  // namespace
}  // namespace sportello::testing
