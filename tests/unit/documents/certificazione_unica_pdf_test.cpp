// The Certificazione Unica read back by poppler: the form's title for the year after the income's, its
// sections by their official names, each party's data and each amount in Italian format, on one page.
#include <gtest/gtest.h>

#include "documents/records_pdf.h"
#include "pdf_text.h"
#include "record_samples.h"

namespace sportello {
namespace {

using testing::read_pdf;
using testing::squeezed;

TEST(CertificazioneUnicaPdf, IsTitledWithTheYearAfterTheIncomeAndFitsOnePage) {
  const auto pdf = read_pdf(render_certificazione_unica(testing::sample_cu()));
  EXPECT_EQ(pdf.info_pages, 1);
  const std::string text = squeezed(pdf.all());
  EXPECT_NE(text.find("CERTIFICAZIONE UNICA 2026"), std::string::npos);
  EXPECT_NE(text.find("relativa all'anno 2025"), std::string::npos);
  EXPECT_NE(text.find("Pagina 1 di 1"), std::string::npos);
}

TEST(CertificazioneUnicaPdf, HasTheOfficialFormsSectionsInOrder) {
  const std::string text = squeezed(read_pdf(render_certificazione_unica(testing::sample_cu())).all());
  std::size_t at = 0;
  for (const char* section :
       {"Dati relativi al sostituto d'imposta", "Dati relativi al dipendente, pensionato o altro percettore delle somme",
        "Dati fiscali", "Dati previdenziali e assistenziali INPS", "Data di rilascio"}) {
    const std::size_t found = text.find(section, at);
    ASSERT_NE(found, std::string::npos) << section << "\n" << text;
    at = found;
  }
}

TEST(CertificazioneUnicaPdf, ShowsBothPartiesAsTheFileStatesThem) {
  const std::string text = squeezed(read_pdf(render_certificazione_unica(testing::sample_cu())).all());
  for (const char* expected : {"80078750587", "Istituto Nazionale della Previdenza Sociale", "Via Ciro il Grande 21",
                               "00144", "84.30.00", "RSSMRA60A01H501U", "ROSSI", "MARIO", "Pavia", "16/03/2026"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
}

TEST(CertificazioneUnicaPdf, PrintsEveryAmountInItalianFormatWithTheIncomesDays) {
  const std::string text = squeezed(read_pdf(render_certificazione_unica(testing::sample_cu())).all());
  for (const char* expected : {"Redditi di pensione", "23.456,78", "Giorni di pensione", "365",
                               "Ritenute IRPEF", "4.123,45", "Addizionale regionale all'IRPEF", "398,76", "154,32",
                               "67,89", "1.234,56", "50,00", "Detrazioni per carichi di famiglia", "0,00",
                               // totals: withheld 4.123,45 + 398,76 + 154,32 + 67,89; deductions 1.234,56 + 50,00
                               "4.744,42", "1.284,56", "Imponibile previdenziale", "4900123456"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
}

TEST(CertificazioneUnicaPdf, CertifiesEmploymentAndPensionIncomeSideBySide) {
  CertificazioneUnica cu = testing::sample_cu();
  cu.incomes = {{CuIncomeKind::lavoro_dipendente, 1200050, 181}, {CuIncomeKind::pensione, 900000, 184}};
  const std::string text = squeezed(read_pdf(render_certificazione_unica(cu)).all());
  for (const char* expected : {"Redditi di lavoro dipendente e assimilati", "12.000,50", "181", "9.000,00", "184",
                               "Totale redditi certificati", "21.000,50"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
}

}  // namespace
}  // namespace sportello
