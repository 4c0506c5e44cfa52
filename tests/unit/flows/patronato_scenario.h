#pragma once
// What the tests of patronati share (issue 11): two organisations, INCA and ACLI, each with an operator
// (op.inca, op.acli); ways to log an operator in, to give dates some months ahead, to fill a signed mandate's
// form and to read the audit rows about a citizen.
#include <gtest/gtest.h>

#include "flows/intermediaries/mandates.h"
#include "flows/intermediaries/organisations.h"
#include "flows/staff_accounts.h"
#include "scenario.h"
#include "staff/totp.h"

namespace sportello::testing {

inline const std::string kSignedMandatePdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
inline const Actor kInca = Actor::staff("op.inca", Role::patronato);
inline const Actor kAcli = Actor::staff("op.acli", Role::patronato);

class PatronatoFixture : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    add_organisation("INCA", "Patronato INCA CGIL");
    add_organisation("ACLI", "Patronato ACLI");
    inca_operator_ = add_operator("op.inca", "INCA");
    add_operator("op.acli", "ACLI");
  }

  void add_organisation(const std::string& code, const std::string& name) {
    auto added = Organisations(ctx()).add(kConsole, {code, name, {"Roma, via Po 1"}});
    ASSERT_TRUE(added.ok()) << added.error().code;
  }
  NewStaffAccount add_operator(const std::string& username, const std::string& organisation) {
    auto created = StaffAccounts(ctx()).add(kConsole, username, Role::patronato, "Operatore " + organisation, organisation);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().code);
    return created.ok() ? std::move(*created) : NewStaffAccount{};
  }
  Result<OpenedSession> operator_login(const std::string& username, const NewStaffAccount& account) {
    clock().advance(Seconds{kTotpStepSeconds});  // a fresh TOTP step for every login
    return StaffAccounts(ctx()).login(
        {username, account.one_time_password.clone(), totp_code(*base32_decode(account.totp_secret_base32), now())});
  }
  Date in_months(int months) { return add_calendar_months(rome_date(now()), months); }
  GrantMandateInput grant_to(const std::string& code, int months = 6) { return {code, MandateScope{}, in_months(months)}; }
  RecordMandateInput signed_form(const ApplicantInput& who, std::string document = kSignedMandatePdf) {
    return {who.codice_fiscale, who.surname, *parse_date(who.birth_date), MandateScope{}, in_months(12), std::move(document)};
  }
  std::vector<AuditEntry> audit_about(std::int64_t citizen_id) {
    std::vector<AuditEntry> rows;
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      rows = repos.audit().about("citizen:" + std::to_string(citizen_id), 100);
      return Ok{};
    }).ok());
    return rows;
  }
  int mandates_stored() {
    int count = 0;
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      for (const Organisation& o : repos.organisations().list()) count += static_cast<int>(repos.mandates().of_organisation(o.id, 1000).size());
      return Ok{};
    }).ok());
    return count;
  }

  NewStaffAccount inca_operator_;
};

}  // namespace sportello::testing
