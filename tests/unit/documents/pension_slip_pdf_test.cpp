// The pension slip read back by poppler: the month in Italian, each pension's category and number, its
// gross, every deduction, arrears and the 730 adjustment on the side it falls (withheld or refunded), the
// net, the paying office and the payment method; with two pensions, the month's total.
#include <gtest/gtest.h>

#include "documents/records_pdf.h"
#include "pdf_text.h"
#include "record_samples.h"

namespace sportello {
namespace {

using testing::read_pdf;
using testing::squeezed;

std::string text_of(const std::vector<PensionSlip>& slips) {
  return squeezed(read_pdf(render_pension_slip(testing::sample_holder(), slips)).all());
}

TEST(PensionSlipPdf, ShowsTheMonthThePensionAndEachAmountInItalianFormat) {
  const std::string text = text_of({testing::sample_slip()});
  for (const char* expected :
       {"Cedolino della pensione di marzo 2026", "Rossi", "RSSMRA60A01H501U",
        "Pensione categoria VO (Vecchiaia o anzianità) n. 12345678", "Importo lordo della pensione 1.850,00",
        "Ritenute IRPEF 312,45", "Addizionale regionale all'IRPEF 26,10", "Addizionale comunale all'IRPEF 9,80",
        "Totali 1.850,00 348,35", "Netto in pagamento: 1.501,65 €", "Sede di Pavia",
        "Accredito su IBAN IT60X0542811101000000123456", "Pagina 1 di 1"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
}

TEST(PensionSlipPdf, OmitsAdjustmentsArrearsAndOtherDeductionsThatAreZero) {
  const std::string text = text_of({testing::sample_slip()});
  for (const char* absent : {"Conguaglio 730", "Arretrati", "Altre trattenute"})
    EXPECT_EQ(text.find(absent), std::string::npos) << absent;
}

TEST(PensionSlipPdf, AWithheld730AdjustmentIsADeductionAndANegativeOneARefund) {
  PensionSlip withheld = testing::sample_slip();
  withheld.conguaglio_730 = 15000;
  withheld.other_deductions = 1200;
  withheld.arrears = 4500;
  withheld.net = withheld.expected_net();
  std::string text = text_of({withheld});
  EXPECT_NE(text.find("Conguaglio 730: trattenuta 150,00"), std::string::npos) << text;
  EXPECT_NE(text.find("Altre trattenute 12,00"), std::string::npos);
  EXPECT_NE(text.find("Arretrati 45,00"), std::string::npos);
  EXPECT_NE(text.find("Netto in pagamento: 1.384,65 €"), std::string::npos) << text;

  PensionSlip refunded = testing::sample_slip();
  refunded.conguaglio_730 = -23456;
  refunded.net = refunded.expected_net();
  text = text_of({refunded});
  EXPECT_NE(text.find("Conguaglio 730: rimborso 234,56"), std::string::npos) << text;
  EXPECT_NE(text.find("Totali 2.084,56 348,35"), std::string::npos) << text;
  EXPECT_NE(text.find("Netto in pagamento: 1.736,21 €"), std::string::npos) << text;
}

// The column (in characters) where the first line of `text` holding `what` ends, trailing spaces aside.
std::size_t line_end(const std::string& text, const std::string& what) {
  const std::size_t at = text.find(what);
  if (at == std::string::npos) return 0;
  const std::size_t start = text.rfind('\n', at) + 1;
  std::string line = text.substr(start, text.find('\n', at) - start);
  line.erase(line.find_last_not_of(' ') + 1);
  std::size_t characters = 0;
  for (unsigned char c : line) characters += (c & 0xC0) != 0x80;  // UTF-8 lead bytes only
  return characters;
}

TEST(PensionSlipPdf, AZeroDeductionStaysInTheDeductionsColumn) {
  PensionSlip slip = testing::sample_slip();
  slip.irpef = 0;
  slip.net = slip.expected_net();
  const std::string text = read_pdf(render_pension_slip(testing::sample_holder(), {slip})).all();
  const std::size_t deductions = line_end(text, "Trattenute (€)");
  ASSERT_GT(deductions, 0u);
  EXPECT_NEAR(static_cast<double>(line_end(text, "Ritenute IRPEF")), static_cast<double>(deductions), 2);
  EXPECT_LT(line_end(text, "Importo lordo della pensione") + 8, deductions) << "the gross is in the credits' column";
}

TEST(PensionSlipPdf, TwoPensionsGetABlockEachAndTheMonthsTotalNet) {
  PensionSlip survivor = testing::sample_slip();
  survivor.category = "SO";
  survivor.pension_number = "87654321";
  survivor.gross = 62000;
  survivor.irpef = 0;
  survivor.addizionale_regionale = 0;
  survivor.addizionale_comunale = 0;
  survivor.net = survivor.expected_net();
  const std::string text = text_of({testing::sample_slip(), survivor});
  EXPECT_NE(text.find("n. 12345678"), std::string::npos);
  EXPECT_NE(text.find("Pensione categoria SO (Superstiti) n. 87654321"), std::string::npos);
  EXPECT_NE(text.find("Netto in pagamento: 620,00 €"), std::string::npos);
  EXPECT_NE(text.find("Totale netto del mese, tutte le pensioni: 2.121,65 €"), std::string::npos) << text;
}

TEST(PensionSlipPdf, ACategoryOutsideTheKnownListShowsItsCodeAlone) {
  PensionSlip slip = testing::sample_slip();
  slip.category = "INVCIV";
  EXPECT_NE(text_of({slip}).find("Pensione categoria INVCIV n. 12345678"), std::string::npos);
}

}  // namespace
}  // namespace sportello
