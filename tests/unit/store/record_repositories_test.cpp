// store/ for the reserved area's records: what is written comes back the same, a corrected document
// replaces its year or month only, a year of contributions is removed by its scope, files are found by
// their SHA-256 (whose uniqueness the database itself enforces).
#include <gtest/gtest.h>

#include "store_fixture.h"
#include "support/dates.h"

namespace sportello::testing {
namespace {

using std::chrono::year;

class RecordRepositories : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    store_ = std::make_unique<SqlUnitOfWork>(db_, audit_key_);
    ASSERT_TRUE(store_->run([&](Repositories& repos) -> Status {
      for (const char* code : {"RSSMRA85T10H501O", "BNCGLI72C45F205X"}) {
        Citizen c;
        c.codice_fiscale = code;
        c.data.birth_date = ymd(1980, 1, 1);
        ids_.push_back(repos.citizens().insert(c));
      }
      return Ok{};
    }).ok());
  }

  void in_transaction(const std::function<void(Repositories&)>& work) {
    ASSERT_TRUE(store_->run([&](Repositories& repos) -> Status {
      work(repos);
      return Ok{};
    }).ok());
  }

  std::unique_ptr<SqlUnitOfWork> store_;
  std::vector<std::int64_t> ids_;
};

TEST_F(RecordRepositories, ContributionPeriodsComeBackAsWrittenAndLeaveByScope) {
  const ContributionPeriod a{0, ids_[0], Gestione::fpld, ymd(2019, 1, 1), ymd(2019, 6, 30), ContributionKind::obbligatoria,
                             ContributionUnit::weeks, 26, 25, 1234567, "Caffè Società \"Ünità\"", "70123", "nota, con virgola"};
  ContributionPeriod b = a;
  b.from = ymd(2020, 1, 1);
  b.to = ymd(2020, 3, 31);
  ContributionPeriod c = a;
  c.gestione = Gestione::gestione_separata;
  c.unit = ContributionUnit::months;
  c.units_for_right = c.units_for_amount = 6;
  ContributionPeriod other = a;
  other.citizen_id = ids_[1];
  in_transaction([&](Repositories& repos) { repos.contributions().insert({a, b, c, other}); });
  in_transaction([&](Repositories& repos) {
    auto periods = repos.contributions().for_citizen(ids_[0]);
    ASSERT_EQ(periods.size(), 3u);
    ContributionPeriod first = periods[0];
    first.id = 0;
    EXPECT_EQ(first, a);
    EXPECT_EQ(periods[2].gestione, Gestione::gestione_separata);
    EXPECT_EQ(repos.contributions().remove_year(ids_[0], Gestione::fpld, 2019), 1);
    EXPECT_EQ(repos.contributions().for_citizen(ids_[0]).size(), 2u);
    EXPECT_EQ(repos.contributions().for_citizen(ids_[1]).size(), 1u);
  });
}

TEST_F(RecordRepositories, ACertificazioneUnicaRoundTripsAndANewOneReplacesItsYear) {
  CertificazioneUnica cu;
  cu.citizen_id = ids_[0];
  cu.year = 2024;
  cu.issued_on = ymd(2025, 3, 16);
  cu.sostituto = {"80078750587", "Istituto Nazionale della Previdenza Sociale", "Roma", "RM", "Via Ciro il Grande 21", "00144", "843000"};
  cu.percipiente = {"RSSMRA85T10H501O", "Rossi", "Mario", "Roma", "RM"};
  cu.incomes = {{CuIncomeKind::lavoro_dipendente, 186000, 21}, {CuIncomeKind::pensione, 50000, 30}};
  cu.withholdings = {1, 2, 3, 4};
  cu.deductions = {5, 6, 7};
  cu.inps = {"7012345678", 8, 9};
  in_transaction([&](Repositories& repos) { EXPECT_FALSE(repos.certificazioni().put(cu)); });
  in_transaction([&](Repositories& repos) {
    auto found = repos.certificazioni().find(ids_[0], 2024);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->sostituto.denominazione, cu.sostituto.denominazione);
    EXPECT_EQ(found->percipiente.nome, "Mario");
    ASSERT_EQ(found->incomes.size(), 2u);
    EXPECT_EQ(found->incomes[1].kind, CuIncomeKind::pensione);
    EXPECT_EQ(found->incomes[0].days, 21);
    EXPECT_EQ(found->withholdings.addizionale_comunale_acconto, 4);
    EXPECT_EQ(found->deductions.altre, 7);
    EXPECT_EQ(found->inps.contributi_lavoratore, 9);
    EXPECT_EQ(found->issued_on, cu.issued_on);
    EXPECT_FALSE(repos.certificazioni().find(ids_[1], 2024));
  });
  cu.withholdings.irpef = 999;
  in_transaction([&](Repositories& repos) { EXPECT_TRUE(repos.certificazioni().put(cu)); });
  in_transaction([&](Repositories& repos) {
    auto all = repos.certificazioni().for_citizen(ids_[0]);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].withholdings.irpef, 999);
  });
}

TEST_F(RecordRepositories, APensionSlipIsReplacedByPensionAndMonth) {
  PensionSlip s;
  s.citizen_id = ids_[0];
  s.month = year{2026} / std::chrono::March;
  s.category = "VO";
  s.pension_number = "111";
  s.gross = 100000;
  s.conguaglio_730 = -2500;
  s.net = 102500;
  s.paying_office = "Sede di Roma";
  PensionSlip second_pension = s;
  second_pension.pension_number = "222";
  in_transaction([&](Repositories& repos) {
    EXPECT_FALSE(repos.pension_slips().put(s));
    EXPECT_FALSE(repos.pension_slips().put(second_pension));
    s.net = 100000;
    s.conguaglio_730 = 0;
    EXPECT_TRUE(repos.pension_slips().put(s));
  });
  in_transaction([&](Repositories& repos) {
    auto month = repos.pension_slips().for_month(ids_[0], year{2026} / std::chrono::March);
    ASSERT_EQ(month.size(), 2u);
    EXPECT_EQ(month[0].pension_number, "111");
    EXPECT_EQ(month[0].net, 100000);
    EXPECT_TRUE(repos.pension_slips().for_month(ids_[1], year{2026} / std::chrono::March).empty());
  });
}

TEST_F(RecordRepositories, AFileIsKnownByItsDigestAndRecordedOnce) {
  ImportBatch b{0, ImportKind::cu, std::string(64, 'a'), "cu-2025.jsonl", 10, 3, "console:root", from_unix(1700000000)};
  in_transaction([&](Repositories& repos) { repos.imports().insert(b); });
  in_transaction([&](Repositories& repos) {
    auto found = repos.imports().find_by_sha256(b.sha256);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->kind, ImportKind::cu);
    EXPECT_EQ(found->rows, 10u);
    EXPECT_EQ(found->imported_at, b.imported_at);
    EXPECT_FALSE(repos.imports().find_by_sha256(std::string(64, 'b')));
  });
  EXPECT_FALSE(store_->run([&](Repositories& repos) -> Status {
    repos.imports().insert(b);
    return Ok{};
  }).ok());
}

}  // namespace
}  // namespace sportello::testing
