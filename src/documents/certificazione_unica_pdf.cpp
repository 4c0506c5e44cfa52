// One Certificazione Unica as PDF, in the official form's order and words: the title with the year it is
// issued in, the sostituto d'imposta, the percipiente, the "Dati fiscali" (income by kind with its days,
// IRPEF and surcharges withheld, deductions) and the INPS section, each value in a labelled box. A box with
// nothing to certify stays blank, as on the paper form. Amounts in euro, Italian format.
#include <string>
#include <vector>

#include "documents/page_flow.h"
#include "documents/record_labels.h"
#include "documents/record_layout.h"
#include "documents/records_pdf.h"

namespace sportello {
namespace {

using namespace record_layout;

// The last box takes what the others leave of the page's width, so every row ends at the right margin.
std::vector<FieldBox> row(std::vector<FieldBox> boxes) {
  double used = 0;
  for (std::size_t i = 0; i + 1 < boxes.size(); ++i) used += boxes[i].width;
  boxes.back().width = kWidth - used;
  return boxes;
}

FieldBox amount(std::string label, Cents cents, double width) {
  return {std::move(label), format_euro_it(cents), width, true};
}

void add_parties(PageFlow& flow, const PdfDocument& pdf, const CertificazioneUnica& cu) {
  const CuSostituto& s = cu.sostituto;
  add_band(flow, pdf, "Dati relativi al sostituto d'imposta (datore di lavoro, ente pensionistico)", 8);
  add_boxes(flow, pdf, row({{"Codice fiscale", s.codice_fiscale, 120},
                            {"Cognome o denominazione", s.denominazione, 300},
                            {"Codice attività", s.codice_attivita, 0}}));
  add_boxes(flow, pdf, row({{"Comune", s.comune, 170}, {"Prov.", s.provincia, 40}, {"Cap", s.cap, 50},
                            {"Indirizzo", s.indirizzo, 0}}));
  const CuPercipiente& r = cu.percipiente;
  add_band(flow, pdf, "Dati relativi al dipendente, pensionato o altro percettore delle somme", 8);
  add_boxes(flow, pdf, row({{"Codice fiscale", r.codice_fiscale, 130}, {"Cognome", r.cognome, 195}, {"Nome", r.nome, 0}}));
  add_boxes(flow, pdf, row({{"Domicilio fiscale: comune", r.comune_residenza, 300},
                            {"Prov.", r.provincia_residenza, 0}}));
}

// The income of one kind as its two boxes (amount and days), blank when the CU holds none of that kind.
std::vector<FieldBox> income_boxes(const CertificazioneUnica& cu, CuIncomeKind kind, const char* days_label) {
  for (const CuIncome& income : cu.incomes)
    if (income.kind == kind)
      return {amount(income_kind_label_it(kind), income.amount, 170), {days_label, std::to_string(income.days), 87, true}};
  return {{income_kind_label_it(kind), "", 170}, {days_label, "", 87}};
}

void add_fiscal_data(PageFlow& flow, const PdfDocument& pdf, const CertificazioneUnica& cu) {
  add_band(flow, pdf, "Dati fiscali (importi in euro)", 8);
  std::vector<FieldBox> incomes = income_boxes(cu, CuIncomeKind::lavoro_dipendente, "Giorni di lavoro dipendente");
  for (FieldBox& box : income_boxes(cu, CuIncomeKind::pensione, "Giorni di pensione")) incomes.push_back(box);
  add_boxes(flow, pdf, row(std::move(incomes)));
  const CuWithholdings& w = cu.withholdings;
  const double quarter = kWidth / 4;
  add_boxes(flow, pdf, row({amount("Ritenute IRPEF", w.irpef, quarter),
                            amount("Addizionale regionale all'IRPEF", w.addizionale_regionale, quarter),
                            amount("Addizionale comunale all'IRPEF: saldo", w.addizionale_comunale_saldo, quarter),
                            amount("Addizionale comunale all'IRPEF: acconto", w.addizionale_comunale_acconto, 0)}));
  add_boxes(flow, pdf, row({amount("Totale redditi certificati", cu.total_income(), 2 * quarter),
                            amount("Totale ritenute IRPEF e addizionali", cu.total_withheld(), 0)}));
  const CuDeductions& d = cu.deductions;
  add_boxes(flow, pdf, row({amount("Detrazioni per redditi di lavoro dipendente e pensione", d.lavoro_pensione, quarter),
                            amount("Detrazioni per carichi di famiglia", d.familiari, quarter),
                            amount("Altre detrazioni", d.altre, quarter),
                            amount("Totale detrazioni", d.lavoro_pensione + d.familiari + d.altre, 0)}));
}

void add_inps_section(PageFlow& flow, const PdfDocument& pdf, const CuInpsSection& inps) {
  add_band(flow, pdf, "Dati previdenziali e assistenziali INPS (importi in euro)", 8);
  add_boxes(flow, pdf, row({{"Matricola", inps.matricola, 150},
                            amount("Imponibile previdenziale", inps.imponibile_previdenziale, 180),
                            amount("Contributi a carico del lavoratore trattenuti", inps.contributi_lavoratore, 0)}));
}

void add_signature(PageFlow& flow, const PdfDocument& pdf, const CertificazioneUnica& cu) {
  flow.gap(14);
  add_boxes(flow, pdf, row({{"Data di rilascio", cu.issued_on.ok() ? format_date_it(cu.issued_on) : "", 120},
                            {"Firma del sostituto d'imposta",
                             cu.sostituto.denominazione + " — firma autografa sostituita a mezzo stampa ai sensi "
                                                          "dell'art. 3, comma 2, del D.Lgs. n. 39/1993", 0}}));
  flow.gap(8);
  const std::string note =
      "La certificazione attesta i redditi corrisposti nell'anno " + std::to_string(cu.year) +
      " e le ritenute operate. La conservi: serve per la dichiarazione dei redditi (modello 730 o Redditi PF).";
  const double height = pdf.text_height(note, "DejaVu Sans 8", kWidth);
  flow.add(height, [note](PdfDocument& p, double y) { p.text(kLeft, y, note, "DejaVu Sans 8", kWidth); });
}

}  // namespace

std::string render_certificazione_unica(const CertificazioneUnica& cu) {
  PdfDocument pdf(kPointsPerInch);
  PageFlow flow(kTop, kBottom);
  const std::string title = "CERTIFICAZIONE UNICA " + std::to_string(cu.year + 1);
  const std::string subtitle = "Certificazione di cui all'art. 4, commi 6-ter e 6-quater, del D.P.R. 22 luglio 1998, "
                               "n. 322, relativa all'anno " + std::to_string(cu.year);
  const double height = title_height(pdf, title, subtitle);
  flow.add(height, [&](PdfDocument& p, double y) { draw_title(p, y, title, subtitle); });
  add_parties(flow, pdf, cu);
  add_fiscal_data(flow, pdf, cu);
  add_inps_section(flow, pdf, cu.inps);
  add_signature(flow, pdf, cu);
  const std::string header = "Certificazione Unica " + std::to_string(cu.year + 1) + " · " + cu.percipiente.codice_fiscale;
  const std::string note = "Redditi dell'anno " + std::to_string(cu.year) + " · " + cu.sostituto.denominazione;
  flow.render(pdf, [&](PdfDocument& p, int page, int pages) { draw_page_frame(p, header, note, page, pages); });
  return pdf.finish();
}

}  // namespace sportello
