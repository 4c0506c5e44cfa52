// The reserved area's consultation (SPEC §5): each holder reads only their own records; a year or month
// someone else has is not found; staff sessions are refused.
#include "flows/services/consult_records.h"
#include "scenario.h"
#include "support/dates.h"

namespace sportello::testing {
namespace {

using std::chrono::year;

class ConsultRecordsTest : public AppFixture {
 protected:
  std::int64_t citizen_id(const std::string& codice_fiscale) {
    std::int64_t id = 0;
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      id = repos.citizens().find_by_codice_fiscale(codice_fiscale)->id;
      return Ok{};
    }).ok());
    return id;
  }

  void give_records(std::int64_t id, int cu_year, std::chrono::year_month slip_month, Cents pay) {
    ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      ContributionPeriod p{0, id, Gestione::fpld, ymd(2020, 1, 1), ymd(2020, 12, 31), ContributionKind::obbligatoria,
                           ContributionUnit::weeks, 52, 52, pay, "Alfa S.r.l.", "123", ""};
      repos.contributions().insert({p});
      CertificazioneUnica cu;
      cu.citizen_id = id;
      cu.year = cu_year;
      cu.issued_on = ymd(cu_year + 1, 3, 16);
      cu.incomes = {{CuIncomeKind::pensione, pay, 365}};
      repos.certificazioni().put(cu);
      PensionSlip s;
      s.citizen_id = id;
      s.month = slip_month;
      s.category = "VO";
      s.pension_number = std::to_string(id) + "00";
      s.gross = s.net = pay / 12;
      s.paying_office = "Sede di Roma";
      repos.pension_slips().put(s);
      return Ok{};
    }).ok());
  }
};

TEST_F(ConsultRecordsTest, EachHolderReadsOnlyTheirOwnRecords) {
  const ApplicantInput m = mario(ctx().places), g = giulia(ctx().places);
  const OpenedSession mario_in = active_holder(ctx(), m, "CASA2026");
  const OpenedSession giulia_in = active_holder(ctx(), g, "MARE2027");
  give_records(citizen_id(m.codice_fiscale), 2023, year{2026} / std::chrono::October, 3000000);
  give_records(citizen_id(g.codice_fiscale), 2024, year{2026} / std::chrono::November, 4000000);

  ConsultRecords consult(ctx());
  auto record = consult.contributions(mario_in.session);
  ASSERT_TRUE(record.ok());
  ASSERT_EQ(record->period_count, 1u);
  EXPECT_EQ(record->gestioni[0].years[0].periods[0].pay, 3000000);
  EXPECT_EQ(record->total_weeks_for_right, 52);

  auto documents = consult.certificazioni(mario_in.session);
  ASSERT_TRUE(documents.ok());
  ASSERT_EQ(documents->size(), 1u);
  EXPECT_EQ(documents->front().year, 2023);
  EXPECT_TRUE(consult.certificazione(mario_in.session, 2023).ok());

  // Giulia's year and month exist, but not for Mario: not found, as for a year nobody has.
  auto hers = consult.certificazione(mario_in.session, 2024);
  ASSERT_FALSE(hers.ok());
  EXPECT_EQ(hers.error().kind, ErrorKind::not_found);
  EXPECT_EQ(hers.error().code, "cu-not-found");
  auto her_slip = consult.pension_slip(mario_in.session, year{2026} / std::chrono::November);
  ASSERT_FALSE(her_slip.ok());
  EXPECT_EQ(her_slip.error().code, "pension-slip-not-found");

  auto slips = consult.pension_slips(giulia_in.session);
  ASSERT_TRUE(slips.ok());
  ASSERT_EQ(slips->size(), 1u);
  EXPECT_EQ(slips->front().net, 4000000 / 12);
}

TEST_F(ConsultRecordsTest, AHolderWithoutRecordsGetsEmptyAnswers) {
  const OpenedSession in = active_holder(ctx(), mario(ctx().places), "CASA2026");
  ConsultRecords consult(ctx());
  EXPECT_TRUE(consult.contributions(in.session)->empty());
  EXPECT_TRUE(consult.certificazioni(in.session)->empty());
  EXPECT_TRUE(consult.pension_slips(in.session)->empty());
}

TEST_F(ConsultRecordsTest, StaffSessionsAreRefused) {
  Session staff;
  staff.subject_kind = SubjectKind::staff;
  staff.subject_id = 1;
  auto record = ConsultRecords(ctx()).contributions(staff);
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.error().kind, ErrorKind::forbidden);
}

}  // namespace
}  // namespace sportello::testing
