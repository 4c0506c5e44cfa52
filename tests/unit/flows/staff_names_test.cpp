// Issue 14: citizens see who acted on their data by name and role, never by username. Staff accounts carry a
// full name, set when made or later by an administrator; the access list resolves each audit row's actor.
#include <gtest/gtest.h>

#include "flows/profile.h"
#include "flows/staff_accounts.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

class StaffNames : public AppFixture {
 protected:
  std::optional<StaffAccount> account(const std::string& username) {
    std::optional<StaffAccount> found;
    EXPECT_TRUE(ctx().store.read([&](Repositories& repos) -> Status {
      found = repos.staff().find_by_username(username);
      return Ok{};
    }).ok());
    return found;
  }
};

TEST_F(StaffNames, AnAdministratorNamesAnAccountWhenMakingItOrLater) {
  ASSERT_TRUE(StaffAccounts(ctx()).add(kConsole, "bo.verdi", Role::back_office, " Laura  Verdi ").ok());
  ASSERT_TRUE(StaffAccounts(ctx()).add(kConsole, "sede.old", Role::office).ok());
  EXPECT_EQ(account("bo.verdi")->full_name, "Laura Verdi");
  EXPECT_EQ(account("sede.old")->full_name, "");
  ASSERT_TRUE(StaffAccounts(ctx()).rename(kConsole, "sede.old", "Marco Bianchi").ok());
  EXPECT_EQ(account("sede.old")->full_name, "Marco Bianchi");
  EXPECT_EQ(StaffAccounts(ctx()).rename(kConsole, "nobody", "X").error().code, "staff-not-found");
  EXPECT_EQ(StaffAccounts(ctx()).rename(kConsole, "sede.old", "\t").error().code, "invalid-full-name");
  EXPECT_EQ(StaffAccounts(ctx()).add(kConsole, "cc.x", Role::contact_center, "a\nb").error().code, "invalid-full-name");
  EXPECT_EQ(StaffAccounts(ctx()).rename(Actor::staff("bo.verdi", Role::back_office), "sede.old", "Y").error().kind,
            ErrorKind::forbidden);
  EXPECT_EQ(account("sede.old")->full_name, "Marco Bianchi");
}

TEST_F(StaffNames, TheAccessListNamesStaffByNameAndRoleAndAGoneAccountAsAnOperator) {
  ASSERT_TRUE(StaffAccounts(ctx()).add(kConsole, "bo.verdi", Role::back_office, "Laura Verdi").ok());
  ASSERT_TRUE(StaffAccounts(ctx()).add(kConsole, "sede.old", Role::office).ok());
  const ApplicantInput who = mario(ctx().places);
  const OpenedSession opened = login(ctx(), who.codice_fiscale, request_and_confirm(ctx(), who));
  const std::string subject = "citizen:" + std::to_string(opened.session.subject_id);
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
    for (const char* actor : {"staff:bo.verdi", "staff:sede.old", "staff:gone"})
      repos.audit().append(actor, "test.action", subject, "", now());
    return Ok{};
  }).ok());
  auto rows = Profile(ctx()).accesses(opened.session);
  ASSERT_TRUE(rows.ok());
  ASSERT_GE(rows->size(), 5u);
  using Kind = AccessActor::Kind;
  EXPECT_EQ((*rows)[0].by.kind, Kind::operator_);  // staff:gone: no such account any more
  EXPECT_EQ((*rows)[1].by.kind, Kind::staff);
  EXPECT_EQ((*rows)[1].by.full_name, "");
  EXPECT_EQ((*rows)[1].by.role, Role::office);
  EXPECT_EQ((*rows)[2].by.kind, Kind::staff);
  EXPECT_EQ((*rows)[2].by.full_name, "Laura Verdi");
  EXPECT_EQ((*rows)[2].by.role, Role::back_office);
  EXPECT_EQ((*rows)[3].action, "pin.login");
  EXPECT_EQ((*rows)[3].by.kind, Kind::holder);
  EXPECT_EQ((*rows)[4].action, "pin.request-confirmed");
  EXPECT_EQ((*rows)[4].by.kind, Kind::operator_);  // confirmed from sportelloctl (the console actor)
}

TEST_F(StaffNames, TheConsoleNamesAColleagueByFullNameWhenTheAccountHasOne) {
  ASSERT_TRUE(StaffAccounts(ctx()).add(kConsole, "bo.verdi", Role::back_office, "Laura Verdi").ok());
  ASSERT_TRUE(StaffAccounts(ctx()).add(kConsole, "sede.old", Role::office).ok());
  EXPECT_EQ(Profile(ctx()).staff_name("staff:bo.verdi"), "Laura Verdi");
  EXPECT_EQ(Profile(ctx()).staff_name("staff:sede.old"), "");
  EXPECT_EQ(Profile(ctx()).staff_name("staff:gone"), "");
  EXPECT_EQ(Profile(ctx()).staff_name("citizen:1"), "");
}

}  // namespace
}  // namespace sportello::testing
