// One month's pension slips as PDF: the holder, then for each pension its category and number, the amounts
// paid (gross, arrears, a 730 refund) and withheld (IRPEF, surcharges, a 730 adjustment, other deductions)
// in two columns as a payslip shows them, the net paid, the paying office and how it is paid; with more
// than one pension, the month's total net.
#include <memory>
#include <string>
#include <vector>

#include "documents/page_flow.h"
#include "documents/pdf_table.h"
#include "documents/record_labels.h"
#include "documents/record_layout.h"
#include "documents/records_pdf.h"

namespace sportello {
namespace {

using namespace record_layout;

std::vector<TableColumn> columns() {
  return {{"Voce", kWidth - 240}, {"Importi a credito (€)", 120, true}, {"Trattenute (€)", 120, true}};
}

struct Line {
  std::string label;
  Cents amount = 0;
  bool withheld = false;  // in the deductions' column
};

// The slip's amounts as payslip lines; optional ones only when they are not zero.
std::vector<Line> lines_of(const PensionSlip& s) {
  std::vector<Line> lines{{"Importo lordo della pensione", s.gross, false}};
  if (s.arrears != 0) lines.push_back({"Arretrati", s.arrears, false});
  lines.push_back({"Ritenute IRPEF", s.irpef, true});
  lines.push_back({"Addizionale regionale all'IRPEF", s.addizionale_regionale, true});
  lines.push_back({"Addizionale comunale all'IRPEF", s.addizionale_comunale, true});
  if (s.conguaglio_730 > 0) lines.push_back({"Conguaglio 730: trattenuta", s.conguaglio_730, true});
  if (s.conguaglio_730 < 0) lines.push_back({"Conguaglio 730: rimborso", -s.conguaglio_730, false});
  if (s.other_deductions != 0) lines.push_back({"Altre trattenute", s.other_deductions, true});
  return lines;
}

std::string pension_title(const PensionSlip& s) {
  const std::string_view name = pension_category_label_it(s.category);
  return "Pensione categoria " + s.category + (name.empty() ? "" : " (" + std::string(name) + ")") + " n. " +
         s.pension_number;
}

void add_holder(PageFlow& flow, const PdfDocument& pdf, const Citizen& holder, const std::string& title) {
  const double height = title_height(pdf, title, "Dettaglio degli importi in pagamento");
  flow.add(height, [title](PdfDocument& p, double y) { draw_title(p, y, title, "Dettaglio degli importi in pagamento"); });
  std::vector<FieldBox> boxes{{"Cognome", holder.data.surname, 190},
                              {"Nome", holder.data.name, 190},
                              {"Codice fiscale", holder.codice_fiscale, kWidth - 380}};
  const double row = field_row_height(pdf, boxes);
  flow.add(row, [boxes, row](PdfDocument& p, double y) { draw_field_row(p, y, boxes, row); });
}

void add_amounts(PageFlow& flow, const PdfDocument& pdf, const PensionSlip& s) {
  auto table = std::make_shared<PdfTable>(pdf, columns(), kLeft, kTableCellFont, kTableHeaderFont);
  flow.add(table->header_height(), [table](PdfDocument& p, double y) { table->draw_header(p, y); }, true);
  Cents credits = 0, debits = 0;
  for (const Line& line : lines_of(s)) {
    (line.withheld ? debits : credits) += line.amount;
    const std::string amount = format_euro_it(line.amount);
    std::vector<std::string> cells{line.label, line.withheld ? "" : amount, line.withheld ? amount : ""};
    const double height = table->row_height(pdf, cells);
    flow.add(height, [table, cells, height](PdfDocument& p, double y) { table->draw_row(p, y, cells, height); }, true);
  }
  std::vector<std::string> totals{"Totali", format_euro_it(credits), format_euro_it(debits)};
  const double height = table->row_height(pdf, totals);
  flow.add(height, [table, totals, height](PdfDocument& p, double y) {
    p.fill(table->x(), y, table->width(), height, 0.93);
    table->draw_row(p, y, totals, height);
  }, true);
  const std::string net = "Netto in pagamento: " + format_euro_it(s.net) + " €";
  // The box stands 3 points below the totals' separator, which is stroked when the page ends.
  const double box_height = table->band_height(pdf, net, "DejaVu Sans Bold 11") + 4;
  flow.add(box_height + 3, [table, net, box_height](PdfDocument& p, double y) {
    table->draw_band(p, y + 5, net, "DejaVu Sans Bold 11", box_height - 4, 0);
    p.box(table->x(), y + 3, table->width(), box_height, 1.2);
  }, true);
}

void add_slip(PageFlow& flow, const PdfDocument& pdf, const PensionSlip& s) {
  const std::string title = pension_title(s);
  const double band = band_height(pdf, title);
  flow.gap(12);
  flow.add(band, [title](PdfDocument& p, double y) { draw_band(p, y, title); }, true);
  add_amounts(flow, pdf, s);
  std::vector<FieldBox> boxes{{"Sede pagatrice", s.paying_office, 200},
                              {"Modalità di pagamento", s.payment_method, kWidth - 200}};
  const double height = field_row_height(pdf, boxes);
  flow.add(height, [boxes, height](PdfDocument& p, double y) { draw_field_row(p, y + 4, boxes, height); });
  flow.gap(4);
}

void add_closing(PageFlow& flow, const PdfDocument& pdf, const std::vector<PensionSlip>& slips) {
  std::string text;
  if (slips.empty()) text = "Non risultano pagamenti di pensione per questo mese.\n";
  if (slips.size() > 1) {
    Cents total = 0;
    for (const PensionSlip& s : slips) total += s.net;
    const std::string line = "Totale netto del mese, tutte le pensioni: " + format_euro_it(total) + " €";
    flow.gap(10);
    const double height = pdf.text_height(line, "DejaVu Sans Bold 11", kWidth);
    flow.add(height, [line](PdfDocument& p, double y) { p.text(kLeft, y, line, "DejaVu Sans Bold 11", kWidth); });
  }
  text += "Gli importi sono in euro. Il cedolino ha valore informativo: le ritenute fiscali dell'anno sono certificate "
          "nella Certificazione Unica.";
  flow.gap(12);
  const double height = pdf.text_height(text, "DejaVu Sans 8", kWidth);
  flow.add(height, [text](PdfDocument& p, double y) { p.text(kLeft, y, text, "DejaVu Sans 8", kWidth); });
}

}  // namespace

std::string render_pension_slip(const Citizen& holder, const std::vector<PensionSlip>& slips) {
  PdfDocument pdf(kPointsPerInch);
  PageFlow flow(kTop, kBottom);
  const std::string month = slips.empty() ? "" : month_it(slips.front().month);
  const std::string title = "Cedolino della pensione" + (month.empty() ? "" : " di " + month);
  add_holder(flow, pdf, holder, title);
  for (const PensionSlip& s : slips) add_slip(flow, pdf, s);
  add_closing(flow, pdf, slips);
  const std::string header = "Cedolino " + month + " · " + holder.codice_fiscale;
  const std::string note = "Cedolino della pensione" + (month.empty() ? "" : " · " + month);
  flow.render(pdf, [&](PdfDocument& p, int page, int pages) { draw_page_frame(p, header, note, page, pages); });
  return pdf.finish();
}

}  // namespace sportello
