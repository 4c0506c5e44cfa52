// SPEC §3: the personal 8-character PIN at first access and every change after.
#include <gtest/gtest.h>

#include "scenario.h"

namespace sportello::testing {
namespace {

class ChangePinFlow : public AppFixture {};

TEST_F(ChangePinFlow, FirstAccessReplacesTheSixteenCharactersWithAPersonalPin) {
  const ApplicantInput who = mario(ctx().places);
  const std::string issued = request_and_confirm(ctx(), who);
  OpenedSession first = login(ctx(), who.codice_fiscale, issued);
  ASSERT_EQ(first.session.required_action, RequiredAction::set_pin);
  ASSERT_TRUE(ChangePin(ctx()).run(first.session, {Secret(issued), Secret("CASA2026")}).ok());
  auto same = Sessions(ctx()).authenticate(first.token);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->required_action, RequiredAction::none);
  EXPECT_EQ(credential_of(ctx(), who.codice_fiscale)->state, CredentialState::active);
  EXPECT_EQ(Login(ctx()).run({who.codice_fiscale, Secret(issued)}).error().code, "wrong-pin");
  clock().advance(Minutes{3});  // that wrong PIN blocked the code for 3 minutes
  EXPECT_TRUE(Login(ctx()).run({who.codice_fiscale, Secret("CASA2026")}).ok());
}

TEST_F(ChangePinFlow, TheNewPinMustFollowTheRulesAndNotRepeatTheLastFive) {
  const ApplicantInput who = mario(ctx().places);
  OpenedSession s = active_holder(ctx(), who, "CASA2026");
  struct Row {
    const char* current;
    const char* next;
    const char* code;
  } rows[] = {
      {"WRONG123", "NUOVO123", "wrong-pin"},
      {"CASA2026", "SHORT1", "pin-length"},
      {"CASA2026", "ONLYLETTERS", "pin-length"},
      {"CASA2026", "ABCDEFGH", "pin-needs-letter-and-digit"},
      {"CASA2026", "RSSMRA12", "pin-derived-from-codice-fiscale"},
      {"CASA2026", "AB101285", "pin-derived-from-birth-date"},
      {"CASA2026", "CASA2026", "pin-reused"},
  };
  for (const Row& row : rows) {
    auto result = ChangePin(ctx()).run(s.session, {Secret(row.current), Secret(row.next)});
    ASSERT_FALSE(result.ok()) << row.next;
    EXPECT_EQ(result.error().code, row.code) << row.next;
  }
  // Five changes later the first PIN may come back; before that it may not.
  const char* chain[] = {"CASA2027", "CASA2028", "CASA2029", "CASA2030", "CASA2031"};
  std::string current = "CASA2026";
  for (const char* next : chain) {
    ASSERT_TRUE(ChangePin(ctx()).run(s.session, {Secret(current), Secret(next)}).ok()) << next;
    current = next;
  }
  EXPECT_EQ(ChangePin(ctx()).run(s.session, {Secret(current), Secret("CASA2027")}).error().code, "pin-reused");
  EXPECT_TRUE(ChangePin(ctx()).run(s.session, {Secret(current), Secret("CASA2026")}).ok());
}

TEST_F(ChangePinFlow, ChangingThePinEndsTheHoldersOtherSessions) {
  const ApplicantInput who = mario(ctx().places);
  OpenedSession first = active_holder(ctx(), who, "CASA2026");
  OpenedSession other = login(ctx(), who.codice_fiscale, "CASA2026");
  ASSERT_TRUE(ChangePin(ctx()).run(first.session, {Secret("CASA2026"), Secret("NUOVO123")}).ok());
  EXPECT_TRUE(Sessions(ctx()).authenticate(first.token).ok());
  EXPECT_EQ(Sessions(ctx()).authenticate(other.token).error().code, "session-ended");
}

TEST_F(ChangePinFlow, TheRotationStepClearsTheRequiredAction) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  clock().set(add_calendar_months(now(), 3));
  OpenedSession due = login(ctx(), who.codice_fiscale, "CASA2026");
  ASSERT_EQ(due.session.required_action, RequiredAction::change_pin);
  ASSERT_TRUE(ChangePin(ctx()).run(due.session, {Secret("CASA2026"), Secret("NUOVO123")}).ok());
  EXPECT_EQ(login(ctx(), who.codice_fiscale, "NUOVO123").session.required_action, RequiredAction::none);
}

}  // namespace
}  // namespace sportello::testing
