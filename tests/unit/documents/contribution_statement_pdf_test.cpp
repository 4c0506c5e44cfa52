// The estratto conto contributivo read back by poppler: holder, periods with their units and pay in Italian
// format, the year's, gestione's and overall weeks, the production date in Rome time, and, for a whole
// working life, numbered pages each repeating the table's header.
#include <gtest/gtest.h>

#include "documents/records_pdf.h"
#include "pdf_text.h"
#include "record_samples.h"

namespace sportello {
namespace {

using testing::occurrences;
using testing::read_pdf;
using testing::squeezed;

// 25 November 2026 09:30 UTC: 10:30 in Rome (CET).
const Instant kNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours{9} +
                     std::chrono::minutes{30};

std::string text_of(const ContributionRecord& record) {
  return squeezed(read_pdf(render_contribution_statement(testing::sample_holder(), record, kNow)).all());
}

// A short mixed record: FPLD in months and weeks, a figurative period in days, a gestione separata year.
std::vector<ContributionPeriod> mixed_periods() {
  std::vector<ContributionPeriod> periods;
  auto p = testing::monthly(2019, 1, 234567, "Rossi, Bianchi & C. S.n.c.", "4900111222");
  p.to = testing::day(2019, 6, 30);
  p.units_for_right = p.units_for_amount = 6;
  periods.push_back(p);
  ContributionPeriod sick = testing::monthly(2019, 7, 0, "", "");
  sick.kind = ContributionKind::figurativa;
  sick.unit = ContributionUnit::days;
  sick.from = testing::day(2019, 7, 1);
  sick.to = testing::day(2019, 7, 26);
  sick.units_for_right = sick.units_for_amount = 26;
  sick.note = "Malattia";
  periods.push_back(sick);
  ContributionPeriod weeks = testing::monthly(2020, 1, 98000, "Àncora Servizi Società Cooperativa", "7012345678");
  weeks.unit = ContributionUnit::weeks;
  weeks.to = testing::day(2020, 1, 28);
  weeks.units_for_right = weeks.units_for_amount = 4;
  periods.push_back(weeks);
  ContributionPeriod separata = testing::monthly(2021, 1, 1523400, "Studio Ferri", "");
  separata.gestione = Gestione::gestione_separata;
  separata.to = testing::day(2021, 12, 31);
  separata.units_for_right = separata.units_for_amount = 12;
  periods.push_back(separata);
  return periods;
}

TEST(ContributionStatementPdf, ShowsTheHolderAndTheDateItWasProducedInRomeTime) {
  const std::string text = text_of(summarize(mixed_periods()));
  EXPECT_NE(text.find("Estratto conto contributivo"), std::string::npos);
  for (const char* expected : {"Rossi", "Mario", "RSSMRA60A01H501U", "Data di nascita", "01/01/1960"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  EXPECT_NE(text.find("Prodotto il 25/11/2026 alle ore 10:30"), std::string::npos) << text;
}

TEST(ContributionStatementPdf, ListsEachPeriodWithItsUnitsPayAndEmployerUnderItsGestioneAndYear) {
  const std::string text = text_of(summarize(mixed_periods()));
  for (const char* expected :
       {"Fondo pensioni lavoratori dipendenti (FPLD)", "Gestione separata", "Anno 2019", "Anno 2020", "Anno 2021",
        "01/01/2019 30/06/2019 Obbligatoria 6 mesi 6 mesi 2.345,67", "Rossi, Bianchi & C. S.n.c.", "Matr. 4900111222",
        "01/07/2019 26/07/2019 Figurativa 26 giorni 26 giorni 0,00", "Malattia", "4 settimane 4 settimane 980,00",
        "Àncora Servizi Società", "15.234,00", "Studio Ferri"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
}

TEST(ContributionStatementPdf, GivesTheWeeksOfEachYearGestioneAndInAll) {
  // 2019: 6 months (26 weeks) + 26 days (4 weeks and 2 days) = 30 weeks; 2020: 4; 2021 (separata): 52.
  const std::string text = text_of(summarize(mixed_periods()));
  for (const char* expected :
       {"Totale 2019: 30 settimane utili al diritto · retribuzione 2.345,67 €",
        "Totale 2020: 4 settimane utili al diritto", "Totale 2021: 52 settimane utili al diritto",
        "Totale Fondo pensioni lavoratori dipendenti (FPLD): 34 settimane utili al diritto",
        "Totale Gestione separata: 52 settimane utili al diritto",
        "Totale settimane utili al diritto: 86 (1 anno e 34 settimane)"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
}

TEST(ContributionStatementPdf, AnEmptyRecordSaysNoPeriodIsRecorded) {
  const auto pdf = read_pdf(render_contribution_statement(testing::sample_holder(), summarize({}), kNow));
  EXPECT_EQ(pdf.info_pages, 1);
  EXPECT_NE(squeezed(pdf.all()).find("Non risultano periodi di contribuzione registrati"), std::string::npos);
  EXPECT_NE(pdf.all().find("Pagina 1 di 1"), std::string::npos);
}

class LongRecord : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pdf_ = new testing::PdfText(
        read_pdf(render_contribution_statement(testing::sample_holder(), summarize(testing::working_life(45)), kNow)));
  }
  static void TearDownTestSuite() { delete pdf_; }
  static testing::PdfText* pdf_;
};
testing::PdfText* LongRecord::pdf_ = nullptr;

TEST_F(LongRecord, FortyFiveYearsOfMonthlyRowsSpanPagesEachNumberedOfTheTotal) {
  const int pages = pdf_->info_pages;
  ASSERT_GT(pages, 5);
  ASSERT_EQ(static_cast<int>(pdf_->pages.size()), pages);
  for (int page = 1; page <= pages; ++page)
    EXPECT_NE(pdf_->pages[page - 1].find("Pagina " + std::to_string(page) + " di " + std::to_string(pages)),
              std::string::npos)
        << "page " << page;
  EXPECT_NE(pdf_->pages[1].find("Pagina 2 di " + std::to_string(pages)), std::string::npos);
}

TEST_F(LongRecord, EveryPageAfterTheFirstRepeatsTheTableHeaderUnderTheGestioneItContinues) {
  for (std::size_t page = 1; page < pdf_->pages.size(); ++page) {
    const std::string text = squeezed(pdf_->pages[page]);
    if (text.find("/19") == std::string::npos && text.find("/20") == std::string::npos) continue;  // no rows
    EXPECT_NE(text.find("Fondo pensioni lavoratori dipendenti (FPLD) (segue)"), std::string::npos) << "page " << page + 1;
    for (const char* column : {"Dal", "Al", "Tipo", "Utili al", "Retribuzione", "Datore di lavoro e matricola", "Note"})
      EXPECT_NE(text.find(column), std::string::npos) << column << " on page " << page + 1;
  }
}

TEST_F(LongRecord, EveryYearAndEveryMonthIsThereAndTheTotalIsFortyFiveYears) {
  const std::string text = squeezed(pdf_->all());
  for (int year = 1980; year < 2025; ++year) {
    EXPECT_NE(text.find("Anno " + std::to_string(year)), std::string::npos) << year;
    EXPECT_NE(text.find("Totale " + std::to_string(year) + ": 52 settimane"), std::string::npos) << year;
  }
  EXPECT_EQ(occurrences(text, " Obbligatoria 1 mese 1 mese "), 540);
  EXPECT_NE(text.find("Totale settimane utili al diritto: 2.340 (45 anni)"), std::string::npos);
}

}  // namespace
}  // namespace sportello
