// SPEC §1 staff accounts with TOTP; sessions with idle and absolute time-outs.
#include <gtest/gtest.h>

#include "flows/staff_accounts.h"
#include "scenario.h"
#include "staff/totp.h"

namespace sportello::testing {
namespace {

class StaffFlow : public AppFixture {
 protected:
  NewStaffAccount add(const std::string& username, Role role) {
    auto created = StaffAccounts(ctx()).add(kConsole, username, role);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().code);
    return created.ok() ? std::move(*created) : NewStaffAccount{};
  }
  std::string code_now(const NewStaffAccount& account) {
    return totp_code(*base32_decode(account.totp_secret_base32), now());
  }
};

TEST_F(StaffFlow, StaffLogInWithPasswordAndTotpAndGetTheirRole) {
  const NewStaffAccount account = add("mrossi", Role::office);
  auto opened = StaffAccounts(ctx()).login({"mrossi", account.one_time_password.clone(), code_now(account)});
  ASSERT_TRUE(opened.ok()) << opened.error().code;
  EXPECT_EQ(opened->session.subject_kind, SubjectKind::staff);
  EXPECT_EQ(opened->session.role, "office");
  EXPECT_NE(account.otpauth_uri.find("otpauth://totp/"), std::string::npos);
  EXPECT_EQ(opened->session.required_action, RequiredAction::change_password);
}

TEST_F(StaffFlow, ATotpCodeTypedInGroupsIsTheSameCode) {
  const NewStaffAccount account = add("mrossi", Role::office);
  const std::string code = code_now(account);
  auto opened = StaffAccounts(ctx()).login({"mrossi", account.one_time_password.clone(), code.substr(0, 3) + " " + code.substr(3)});
  ASSERT_TRUE(opened.ok()) << opened.error().code;
}

TEST_F(StaffFlow, TheOneTimePasswordIsReplacedAtFirstLogin) {
  const NewStaffAccount account = add("mrossi", Role::office);
  auto first = StaffAccounts(ctx()).login({"mrossi", account.one_time_password.clone(), code_now(account)});
  ASSERT_TRUE(first.ok());
  StaffAccounts staff(ctx());
  EXPECT_EQ(staff.change_password(first->session, Secret("wrong"), Secret("a-long-new-password")).error().code,
            "wrong-password");
  EXPECT_EQ(staff.change_password(first->session, account.one_time_password.clone(), Secret("short")).error().code,
            "password-too-short");
  ASSERT_TRUE(staff.change_password(first->session, account.one_time_password.clone(), Secret("a-long-new-password")).ok());
  EXPECT_EQ(Sessions(ctx()).authenticate(first->token)->required_action, RequiredAction::none);
  clock().advance(Seconds{30});
  auto again = staff.login({"mrossi", Secret("a-long-new-password"), code_now(account)});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->session.required_action, RequiredAction::none);
  clock().advance(Seconds{30});
  EXPECT_EQ(staff.login({"mrossi", account.one_time_password.clone(), code_now(account)}).error().code,
            "wrong-credentials");
}

TEST_F(StaffFlow, WrongPasswordWrongCodeUnknownUserAndAReplayedCodeGetTheSameAnswer) {
  ctx().policies.staff_lockout = LockoutPolicy(Seconds{0});  // no wait between failures: the answers alone
  const NewStaffAccount account = add("mrossi", Role::office);
  const std::string code = code_now(account);
  const std::string wrong_code = code == "000000" ? "111111" : "000000";
  struct Row {
    const char* user;
    std::string password;
    std::string code;
  } rows[] = {
      {"mrossi", "not-the-password", code},
      {"mrossi", std::string(account.one_time_password.reveal()), wrong_code},
      {"nobody", std::string(account.one_time_password.reveal()), code},
  };
  for (const Row& row : rows)
    EXPECT_EQ(StaffAccounts(ctx()).login({row.user, Secret(row.password), row.code}).error().code, "wrong-credentials");
  ASSERT_TRUE(StaffAccounts(ctx()).login({"mrossi", account.one_time_password.clone(), code}).ok());
  EXPECT_EQ(StaffAccounts(ctx()).login({"mrossi", account.one_time_password.clone(), code}).error().code,
            "wrong-credentials");  // the same code twice
  clock().advance(Seconds{30});
  EXPECT_TRUE(StaffAccounts(ctx()).login({"mrossi", account.one_time_password.clone(), code_now(account)}).ok());
}

TEST_F(StaffFlow, OnlyAdministratorsAddAccountsAndNamesAreUnique) {
  add("mrossi", Role::admin);
  EXPECT_EQ(StaffAccounts(ctx()).add(kConsole, "mrossi", Role::office).error().code, "username-taken");
  EXPECT_EQ(StaffAccounts(ctx()).add(kConsole, "Mario Rossi", Role::office).error().code, "invalid-username");
  EXPECT_EQ(StaffAccounts(ctx()).add(Actor::staff("cc", Role::contact_center), "abc", Role::office).error().code,
            "role-forbidden");
  EXPECT_TRUE(StaffAccounts(ctx()).add(Actor::staff("mrossi", Role::admin), "abc", Role::office).ok());
}

class SessionFlow : public AppFixture {};

TEST_F(SessionFlow, ASessionEndsAfter15IdleMinutesOr8HoursAndOnLogout) {
  const ApplicantInput who = mario(ctx().places);
  OpenedSession s = active_holder(ctx(), who, "CASA2026");
  for (int i = 0; i < 40; ++i) {  // active every 14 minutes: alive for 8 hours, not a second more
    clock().advance(Minutes{14});
    auto alive = Sessions(ctx()).authenticate(s.token);
    if (now() < test_start() + Hours{8}) {
      ASSERT_TRUE(alive.ok()) << "at minute " << (i + 1) * 14;
    } else {
      EXPECT_EQ(alive.error().code, "session-expired");
      break;
    }
  }
  OpenedSession idle = login(ctx(), who.codice_fiscale, "CASA2026");
  clock().advance(Minutes{15});
  EXPECT_EQ(Sessions(ctx()).authenticate(idle.token).error().code, "session-idle");
  EXPECT_EQ(Sessions(ctx()).authenticate(idle.token).error().code, "session-ended");

  OpenedSession out = login(ctx(), who.codice_fiscale, "CASA2026");
  ASSERT_TRUE(Sessions(ctx()).logout(out.token).ok());
  EXPECT_EQ(Sessions(ctx()).authenticate(out.token).error().code, "session-ended");
  EXPECT_EQ(Sessions(ctx()).authenticate("made-up-token").error().code, "session-unknown");
}

TEST_F(SessionFlow, OnlyTheTokensHashIsStored) {
  OpenedSession s = active_holder(ctx(), mario(ctx().places), "CASA2026");
  EXPECT_EQ(s.token.size(), 43u);  // 256 bits, base64url
  EXPECT_NE(s.session.token_hash, s.token);
  EXPECT_EQ(s.session.token_hash.size(), 64u);
}

// Issue 15 (Keycloak's pattern): a few failed logins in a row are free (typos), then each waits a step longer,
// and the 10th locks the account until an administrator unlocks it; an unknown username is counted, answered
// and audited alike.
TEST_F(StaffFlow, FailedLoginsWaitLongerThenLockUntilAnAdministratorUnlocks) {
  const NewStaffAccount account = add("mrossi", Role::office);
  const LockoutPolicy& policy = ctx().policies.staff_lockout;
  ASSERT_EQ(policy.lock_after(), 10);
  ASSERT_EQ(policy.free_failures(), 3);
  for (const char* user : {"mrossi", "nobody"}) {
    for (int n = 1; n < policy.lock_after(); ++n) {
      auto refused = StaffAccounts(ctx()).login({user, Secret("not-the-password"), code_now(account)});
      ASSERT_FALSE(refused.ok());
      EXPECT_EQ(refused.error().code, "wrong-credentials") << user << " " << n;
      const Seconds wait = policy.step() * std::max(0, n - 3);  // 0, 0, 0, 1, 2, … 6 minutes
      EXPECT_EQ(refused.error().retry_after, wait) << user << " " << n;
      if (wait == Seconds{0}) continue;
      // During the wait even the right password and code are refused, unchecked and uncounted.
      auto waiting = StaffAccounts(ctx()).login({user, account.one_time_password.clone(), code_now(account)});
      EXPECT_EQ(waiting.error().code, "blocked") << user;
      EXPECT_EQ(waiting.error().retry_after, wait) << user;
      clock().advance(wait);
    }
    auto locked = StaffAccounts(ctx()).login({user, Secret("not-the-password"), code_now(account)});
    EXPECT_EQ(locked.error().code, "staff-locked") << user;
    clock().advance(Hours{48});  // a lock does not wear off
    EXPECT_EQ(StaffAccounts(ctx()).login({user, account.one_time_password.clone(), code_now(account)}).error().code,
              "staff-locked") << user;
  }
  int audited = 0;
  ASSERT_TRUE(ctx().store.read([&](Repositories& repos) -> Status {
    for (const AuditEntry& e : repos.audit().read(0, 1000)) audited += e.action == "staff.login-failed";
    return Ok{};
  }).ok());
  EXPECT_EQ(audited, 2 * policy.lock_after()) << "every failure, for a known and an unknown username";

  EXPECT_EQ(StaffAccounts(ctx()).unlock(Actor::staff("office.user", Role::office), "mrossi").error().kind,
            ErrorKind::forbidden);
  EXPECT_EQ(StaffAccounts(ctx()).unlock(kConsole, "nobody").error().code, "staff-not-found");
  ASSERT_TRUE(StaffAccounts(ctx()).unlock(kConsole, "mrossi").ok());
  auto opened = StaffAccounts(ctx()).login({"mrossi", account.one_time_password.clone(), code_now(account)});
  ASSERT_TRUE(opened.ok()) << opened.error().code;
  // The right login started the count afresh: the next failure is a free one again.
  clock().advance(Seconds{30});
  EXPECT_EQ(StaffAccounts(ctx()).login({"mrossi", Secret("x"), code_now(account)}).error().retry_after, Seconds{0});
}

}  // namespace
}  // namespace sportello::testing
