// The rules of the reserved area's records (SPEC §5): money, one contribution row, the record's weeks,
// a CU and a pension slip. Cases are rows.
#include <gtest/gtest.h>

#include <functional>

#include "services/certificazione_unica.h"
#include "services/contribution_record.h"
#include "services/pension_slip.h"
#include "support/dates.h"

namespace sportello {
namespace {

using testing::ymd;

using std::chrono::year;

const Date kRecordsToday = ymd(2026, 12, 4);

TEST(Money, ParsesWholeCentsOnly) {
  struct Case { const char* text; std::optional<Cents> cents; };
  const Case cases[] = {{"0", 0}, {"123456", 123456}, {"-250", -250}, {"12.50", std::nullopt}, {"", std::nullopt},
                        {"-", std::nullopt}, {"+5", std::nullopt}, {" 5", std::nullopt}, {"1234567890123456", std::nullopt}};
  for (const Case& c : cases) EXPECT_EQ(parse_cents(c.text), c.cents) << c.text;
}

TEST(Money, FormatsItalianEnglishAndPlain) {
  EXPECT_EQ(format_euro_it(123456789), "1.234.567,89");
  EXPECT_EQ(format_euro_it(5), "0,05");
  EXPECT_EQ(format_euro_it(-250), "-2,50");
  EXPECT_EQ(format_euro_en(123456), "1,234.56");
  EXPECT_EQ(format_euro_plain(123456789), "1234567.89");
  EXPECT_EQ(format_euro_it(100000), "1.000,00");
}

ContributionPeriod row(Date from, Date to, ContributionUnit unit, int units) {
  ContributionPeriod p;
  p.citizen_id = 1;
  p.from = from;
  p.to = to;
  p.unit = unit;
  p.units_for_right = units;
  p.units_for_amount = units;
  p.pay = 100000;
  return p;
}

TEST(ContributionPeriod, RowsAreCheckedFieldByField) {
  struct Case { ContributionPeriod p; const char* field; };
  ContributionPeriod long_note = row(ymd(2020, 1, 1), ymd(2020, 12, 31), ContributionUnit::weeks, 52);
  long_note.note = std::string(201, 'x');
  ContributionPeriod negative_pay = row(ymd(2020, 1, 1), ymd(2020, 12, 31), ContributionUnit::weeks, 52);
  negative_pay.pay = -1;
  const Case cases[] = {
      {row(ymd(2020, 1, 1), ymd(2020, 12, 31), ContributionUnit::weeks, 52), ""},
      {row(ymd(2020, 1, 1), ymd(2020, 12, 31), ContributionUnit::weeks, 53), "unita_diritto"},
      {row(ymd(2020, 3, 1), ymd(2020, 2, 1), ContributionUnit::weeks, 1), "al"},
      {row(ymd(2020, 12, 1), ymd(2021, 1, 31), ContributionUnit::weeks, 8), "al"},
      {row(ymd(2026, 12, 1), ymd(2026, 12, 31), ContributionUnit::weeks, 4), "al"},
      {row(ymd(2020, 2, 1), ymd(2020, 2, 29), ContributionUnit::days, 29), ""},
      {row(ymd(2020, 2, 1), ymd(2020, 2, 29), ContributionUnit::days, 30), "unita_diritto"},
      {row(ymd(2020, 3, 15), ymd(2020, 5, 2), ContributionUnit::months, 3), ""},
      {row(ymd(2020, 3, 15), ymd(2020, 5, 2), ContributionUnit::months, 4), "unita_diritto"},
      {row(ymd(2020, 1, 1), ymd(2020, 1, 7), ContributionUnit::weeks, -1), "unita_diritto"},
      {long_note, "note"},
      {negative_pay, "retribuzione_centesimi"},
  };
  for (const Case& c : cases) {
    const Status checked = validate(c.p, kRecordsToday);
    if (*c.field == '\0') {
      EXPECT_TRUE(checked.ok()) << format_date(c.p.from) << " " << (checked.ok() ? "" : checked.error().message);
    } else {
      ASSERT_FALSE(checked.ok()) << c.field;
      EXPECT_EQ(checked.error().field, c.field) << checked.error().message;
    }
  }
}

TEST(ContributionRecord, WeeksDaysAndMonthsAddUpWithoutRounding) {
  // 6 days = 1 week, 1 month = 52/12 weeks: 12 months are 52 weeks, 312 days are 52 weeks.
  ContributionPeriod days = row(ymd(2019, 1, 1), ymd(2019, 12, 31), ContributionUnit::days, 312);
  ContributionPeriod months = row(ymd(2020, 1, 1), ymd(2020, 12, 31), ContributionUnit::months, 12);
  months.gestione = Gestione::gestione_separata;
  ContributionPeriod three_months = row(ymd(2021, 1, 1), ymd(2021, 3, 31), ContributionUnit::months, 3);
  const ContributionRecord record = summarize({days, months, three_months});
  EXPECT_EQ(record.weeks_by_year.at(2019), 52);
  EXPECT_EQ(record.weeks_by_year.at(2020), 52);
  EXPECT_EQ(record.weeks_by_year.at(2021), 13);
  EXPECT_EQ(record.total_weeks_for_right, 117);
  ASSERT_EQ(record.gestioni.size(), 2u);
  EXPECT_EQ(record.gestioni[0].gestione, Gestione::fpld);
  EXPECT_EQ(record.gestioni[0].weeks_for_right, 65);
  EXPECT_EQ(record.gestioni[1].weeks_for_right, 52);
}

TEST(ContributionRecord, AYearCountsAtMostFiftyTwoWeeksAcrossGestioni) {
  ContributionPeriod employed = row(ymd(2020, 1, 1), ymd(2020, 12, 31), ContributionUnit::weeks, 52);
  ContributionPeriod collaboration = row(ymd(2020, 1, 1), ymd(2020, 12, 31), ContributionUnit::months, 12);
  collaboration.gestione = Gestione::gestione_separata;
  const ContributionRecord record = summarize({collaboration, employed});
  EXPECT_EQ(record.weeks_by_year.at(2020), 52);
  EXPECT_EQ(record.total_weeks_for_right, 52);
  EXPECT_EQ(record.period_count, 2u);
}

TEST(ContributionRecord, GroupsByGestioneThenYearOldestFirst) {
  const ContributionRecord record = summarize({row(ymd(2021, 1, 1), ymd(2021, 6, 30), ContributionUnit::weeks, 26),
                                               row(ymd(2020, 7, 1), ymd(2020, 12, 31), ContributionUnit::weeks, 26),
                                               row(ymd(2021, 7, 1), ymd(2021, 12, 31), ContributionUnit::weeks, 26)});
  ASSERT_EQ(record.gestioni.size(), 1u);
  const auto& years = record.gestioni[0].years;
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].year, 2020);
  EXPECT_EQ(years[1].year, 2021);
  ASSERT_EQ(years[1].periods.size(), 2u);
  EXPECT_LT(years[1].periods[0].from, years[1].periods[1].from);
  EXPECT_EQ(years[1].weeks_for_right, 52);
  EXPECT_EQ(years[1].pay, 200000);
  EXPECT_TRUE(summarize({}).empty());
}

CertificazioneUnica cu() {
  CertificazioneUnica c;
  c.year = 2025;
  c.issued_on = ymd(2026, 3, 16);
  c.sostituto = {"80078750587", "Istituto Nazionale della Previdenza Sociale", "Roma", "RM", "Via Ciro il Grande 21", "00144", "843000"};
  c.percipiente = {"RSSMRA85T10H501O", "Rossi", "Mario", "Roma", "RM"};
  c.incomes = {{CuIncomeKind::pensione, 1279850, 365}};
  c.withholdings = {268768, 22141, 10238, 3071};
  return c;
}

TEST(CertificazioneUnica, DocumentsAreCheckedByTheirPathInTheFile) {
  struct Case { std::function<void(CertificazioneUnica&)> change; const char* field; };
  const Case cases[] = {
      {[](CertificazioneUnica&) {}, ""},
      {[](CertificazioneUnica& c) { c.year = 2026; }, "anno"},
      {[](CertificazioneUnica& c) { c.issued_on = ymd(2025, 12, 31); }, "data_rilascio"},
      {[](CertificazioneUnica& c) { c.sostituto.codice_fiscale = "8007875058"; }, "sostituto.codice_fiscale"},
      {[](CertificazioneUnica& c) { c.sostituto.denominazione.clear(); }, "sostituto.denominazione"},
      {[](CertificazioneUnica& c) { c.percipiente.codice_fiscale = "BNCGLI72C45F205X"; }, "percipiente.codice_fiscale"},
      {[](CertificazioneUnica& c) { c.incomes.clear(); }, "redditi"},
      {[](CertificazioneUnica& c) { c.incomes.push_back({CuIncomeKind::pensione, 1, 1}); }, "redditi[1].tipo"},
      {[](CertificazioneUnica& c) { c.incomes[0].days = 367; }, "redditi[0].giorni"},
      {[](CertificazioneUnica& c) { c.withholdings.irpef = -1; }, "ritenute.irpef_centesimi"},
  };
  for (const Case& c : cases) {
    CertificazioneUnica document = cu();
    c.change(document);
    const Status checked = validate(document, "RSSMRA85T10H501O", kRecordsToday);
    if (*c.field == '\0') {
      EXPECT_TRUE(checked.ok()) << (checked.ok() ? "" : checked.error().message);
    } else {
      ASSERT_FALSE(checked.ok()) << c.field;
      EXPECT_EQ(checked.error().field, c.field);
    }
  }
  EXPECT_EQ(cu().total_withheld(), 268768 + 22141 + 10238 + 3071);
  EXPECT_EQ(cu().total_income(), 1279850);
}

PensionSlip slip() {
  PensionSlip s;
  s.month = std::chrono::year{2026} / std::chrono::November;
  s.category = "VO";
  s.pension_number = "12048337";
  s.gross = 150000;
  s.irpef = 25000;
  s.addizionale_regionale = 2000;
  s.addizionale_comunale = 1000;
  s.conguaglio_730 = -5000;  // a refund adds to the net
  s.arrears = 3000;
  s.net = 150000 + 3000 - 25000 - 2000 - 1000 + 5000;
  s.paying_office = "Sede di Roma Eur";
  return s;
}

TEST(PensionSlip, TheNetMustBeWhatTheOtherAmountsMake) {
  EXPECT_TRUE(validate(slip(), kRecordsToday).ok());
  PensionSlip wrong = slip();
  wrong.net += 1;
  const Status checked = validate(wrong, kRecordsToday);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().field, "netto_centesimi");
}

TEST(PensionSlip, FieldsAreChecked) {
  struct Case { std::function<void(PensionSlip&)> change; const char* field; };
  const Case cases[] = {
      {[](PensionSlip& s) { s.month = std::chrono::year{2027} / std::chrono::January; }, ""},
      {[](PensionSlip& s) { s.month = std::chrono::year{2027} / std::chrono::February; }, "mese"},
      {[](PensionSlip& s) { s.category = "V"; }, "categoria"},
      {[](PensionSlip& s) { s.category = "vo"; }, "categoria"},
      {[](PensionSlip& s) { s.pension_number = "12A"; }, "numero_pensione"},
      {[](PensionSlip& s) { s.irpef = -1; s.net = s.expected_net(); }, "irpef_centesimi"},
      {[](PensionSlip& s) { s.paying_office.clear(); }, "sede_pagatrice"},
  };
  for (const Case& c : cases) {
    PensionSlip s = slip();
    c.change(s);
    const Status checked = validate(s, kRecordsToday);
    if (*c.field == '\0') {
      EXPECT_TRUE(checked.ok()) << (checked.ok() ? "" : checked.error().message);
    } else {
      ASSERT_FALSE(checked.ok()) << c.field;
      EXPECT_EQ(checked.error().field, c.field);
    }
  }
}

TEST(PensionSlip, MonthsReadAndWriteAsYearDashMonth) {
  EXPECT_EQ(parse_year_month("2026-03"), std::chrono::year{2026} / std::chrono::March);
  EXPECT_EQ(format_year_month(std::chrono::year{2026} / std::chrono::March), "2026-03");
  for (const char* bad : {"2026-13", "2026-3", "26-03", "2026/03", "2026-00", "abcd-ef", ""})
    EXPECT_FALSE(parse_year_month(bad)) << bad;
}

}  // namespace
}  // namespace sportello
