// The estratto conto contributivo as PDF: the holder, a summary per gestione, then per gestione a table of
// its periods year by year (the table's header repeated on every page it continues on), each year's and
// gestione's weeks useful for the right, and the total. Laid out first, drawn once the page count is known.
#include <memory>
#include <string>
#include <vector>

#include "core/civil_time.h"
#include "documents/page_flow.h"
#include "documents/pdf_table.h"
#include "documents/record_labels.h"
#include "documents/record_layout.h"
#include "documents/records_pdf.h"

namespace sportello {
namespace {

using namespace record_layout;

constexpr const char* kStatementTitle = "Estratto conto contributivo";
constexpr const char* kPeriodFont = "DejaVu Sans 7";
constexpr const char* kPeriodHeaderFont = "DejaVu Sans Bold 6.5";
constexpr const char* kPeriodTotalFont = "DejaVu Sans Bold 7";

std::vector<TableColumn> period_columns() {
  // The employer's column holds a long company name on one line, its matricola on the next.
  return {{"Dal", 47}, {"Al", 47}, {"Tipo", 53}, {"Utili al\ndiritto", 48}, {"Utili alla\nmisura", 48},
          {"Retribuzione\no reddito (€)", 58, true}, {"Datore di lavoro e matricola", 146, false, true},
          {"Note", kWidth - 447, false, true}};
}

std::vector<TableColumn> summary_columns() {
  return {{"Gestione", kWidth - 230}, {"Anni", 90}, {"Periodi", 50, true}, {"Settimane utili\nal diritto", 90, true}};
}

std::vector<std::string> period_cells(const ContributionPeriod& p) {
  std::string employer = p.employer_name;
  if (!p.employer_matricola.empty()) employer += (employer.empty() ? "" : "\n") + ("Matr. " + p.employer_matricola);
  return {format_date_it(p.from), format_date_it(p.to), kind_label_it(p.kind), units_it(p.units_for_right, p.unit),
          units_it(p.units_for_amount, p.unit), format_euro_it(p.pay), employer, p.note};
}

std::string years_of(const GestioneRecord& g) {
  const int first = g.years.front().year, last = g.years.back().year;
  return first == last ? std::to_string(first) : std::to_string(first) + " – " + std::to_string(last);
}

std::size_t periods_of(const GestioneRecord& g) {
  std::size_t count = 0;
  for (const ContributionYear& y : g.years) count += y.periods.size();
  return count;
}

// A band of the table (a year's heading or a total) as one block.
void add_table_band(PageFlow& flow, const PdfDocument& pdf, std::shared_ptr<PdfTable> table, std::string text,
                    const char* font, double gray, bool keep_with_next) {
  const double height = table->band_height(pdf, text, font);
  flow.add(height, [table, text = std::move(text), font, height, gray](PdfDocument& p, double y) {
    table->draw_band(p, y, text, font, height, gray);
  }, keep_with_next);
}

void add_row(PageFlow& flow, const PdfDocument& pdf, std::shared_ptr<PdfTable> table, std::vector<std::string> cells,
             bool keep_with_next = false) {
  const double height = table->row_height(pdf, cells);
  flow.add(height, [table, cells = std::move(cells), height](PdfDocument& p, double y) {
    table->draw_row(p, y, cells, height);
  }, keep_with_next);
}

void add_holder(PageFlow& flow, const PdfDocument& pdf, const Citizen& holder, Instant now) {
  const std::string subtitle = "Contributi registrati negli archivi dell'Istituto al " + format_date_it(rome_date(now));
  const double title = title_height(pdf, kStatementTitle, subtitle);
  flow.add(title, [subtitle](PdfDocument& p, double y) { draw_title(p, y, kStatementTitle, subtitle); });
  const Date born = holder.data.birth_date;
  std::vector<FieldBox> boxes{{"Cognome", holder.data.surname, 150},
                              {"Nome", holder.data.name, 150},
                              {"Codice fiscale", holder.codice_fiscale, 130},
                              {"Data di nascita", born.ok() ? format_date_it(born) : "", kWidth - 430}};
  const double height = field_row_height(pdf, boxes);
  flow.add(height, [boxes, height](PdfDocument& p, double y) { draw_field_row(p, y, boxes, height); });
  flow.gap(14);
}

void add_summary(PageFlow& flow, const PdfDocument& pdf, const ContributionRecord& record) {
  const double band = band_height(pdf, "Riepilogo");
  flow.add(band, [](PdfDocument& p, double y) { draw_band(p, y, "Riepilogo"); }, true);
  auto table = std::make_shared<PdfTable>(pdf, summary_columns(), kLeft, kPeriodFont, kPeriodHeaderFont);
  flow.add(table->header_height(), [table](PdfDocument& p, double y) { table->draw_header(p, y); }, true);
  for (const GestioneRecord& g : record.gestioni)
    add_row(flow, pdf, table, {gestione_label_it(g.gestione), years_of(g), count_it(periods_of(g)),
                               count_it(g.weeks_for_right)});
  add_table_band(flow, pdf, table,
                 "Totale settimane utili al diritto, tutte le gestioni: " + count_it(record.total_weeks_for_right) +
                     " (" + weeks_as_years_it(record.total_weeks_for_right) + ")",
                 kPeriodTotalFont, 0.93, false);
  flow.gap(16);
}

void add_gestione(PageFlow& flow, const PdfDocument& pdf, const GestioneRecord& g) {
  auto table = std::make_shared<PdfTable>(pdf, period_columns(), kLeft, kPeriodFont, kPeriodHeaderFont);
  const std::string label = gestione_label_it(g.gestione);
  const double band = band_height(pdf, label);
  // The heading is drawn first where the section begins, then again on each page it continues on.
  flow.add_section_heading(band + table->header_height(),
                           [table, label, band, first = true](PdfDocument& p, double y) mutable {
                             draw_band(p, y, first ? label : label + " (segue)");
                             table->draw_header(p, y + band);
                             first = false;
                           });
  for (const ContributionYear& year : g.years) {
    add_table_band(flow, pdf, table, "Anno " + std::to_string(year.year), kPeriodTotalFont, 0.94, true);
    // A year's last row stays with its total, and the last year's total with the gestione's: no page opens
    // with totals alone.
    for (const ContributionPeriod& period : year.periods)
      add_row(flow, pdf, table, period_cells(period), &period == &year.periods.back());
    add_table_band(flow, pdf, table,
                   "Totale " + std::to_string(year.year) + ": " + count_it(year.weeks_for_right) +
                       " settimane utili al diritto · retribuzione " + format_euro_it(year.pay) + " €",
                   kPeriodTotalFont, 0, &year == &g.years.back());
  }
  flow.end_section();
  add_table_band(flow, pdf, table,
                 "Totale " + label + ": " + count_it(g.weeks_for_right) + " settimane utili al diritto",
                 "DejaVu Sans Bold 8", 0.86, false);
  flow.gap(16);
}

void add_closing(PageFlow& flow, const PdfDocument& pdf, const ContributionRecord& record) {
  const std::string total = record.empty() ? "Non risultano periodi di contribuzione registrati a suo nome."
                                           : "Totale settimane utili al diritto: " +
                                                 count_it(record.total_weeks_for_right) + " (" +
                                                 weeks_as_years_it(record.total_weeks_for_right) + ")";
  const double band = band_height(pdf, total);
  flow.add(band, [total](PdfDocument& p, double y) { draw_band(p, y, total); }, true);
  const std::string note =
      "Un anno conta al massimo 52 settimane utili al diritto, anche quando nello stesso periodo i contributi sono "
      "stati versati in più gestioni: per questo il totale può essere minore della somma delle gestioni. Un giorno "
      "vale 1/6 di settimana, un mese 52/12 di settimana. L'estratto conto ha valore informativo; se un periodo "
      "manca o è errato può chiederne la correzione con una richiesta di variazione della posizione assicurativa.";
  const double height = pdf.text_height(note, "DejaVu Sans 8", kWidth) + 6;
  flow.add(height, [note](PdfDocument& p, double y) { p.text(kLeft, y + 6, note, "DejaVu Sans 8", kWidth); });
}

}  // namespace

std::string render_contribution_statement(const Citizen& holder, const ContributionRecord& record, Instant now) {
  PdfDocument pdf(kPointsPerInch);
  PageFlow flow(kTop, kBottom);
  add_holder(flow, pdf, holder, now);
  if (!record.empty()) add_summary(flow, pdf, record);
  for (const GestioneRecord& g : record.gestioni) add_gestione(flow, pdf, g);
  add_closing(flow, pdf, record);
  const std::string header = std::string(kStatementTitle) + " · " + holder.codice_fiscale;
  const std::string note = "Prodotto il " + format_date_it(rome_date(now)) + " alle ore " + format_rome_time(now) +
                           " (ora italiana)";
  flow.render(pdf, [&](PdfDocument& p, int page, int pages) { draw_page_frame(p, header, note, page, pages); });
  return pdf.finish();
}

}  // namespace sportello
