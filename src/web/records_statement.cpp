// Estratto conto contributivo (SPEC §5, issue 10): /area-riservata/estratto-conto shows the weeks useful for
// the right in all, a chart of them per year (SVG drawn here, the same numbers in a table after it), then per
// gestione a table per year of every period with the year's totals; links to the PDF and CSV files.
#include "flows/services/consult_records.h"
#include "web/records_pages.h"
#include "web/svg_chart.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

// "pari a 23 anni e 4 settimane": the weeks read as years of 52.
std::string in_years(const RecordsText& text, int weeks) {
  const int years = weeks / 52;
  const int rest = weeks % 52;
  std::string out = text("records_statement_total_years") + " " + std::to_string(years) + " " +
                    text(years == 1 ? "records_statement_years_one" : "records_statement_years_other");
  if (rest > 0) out += " " + text("records_statement_and") + " " + text.count(rest, ContributionUnit::weeks);
  return out;
}

// Every year from the first to the last with contributions; a year without any is a bar of 0.
std::vector<std::pair<int, int>> weeks_per_year(const ContributionRecord& record) {
  std::vector<std::pair<int, int>> years;
  for (int year = record.weeks_by_year.begin()->first; year <= record.weeks_by_year.rbegin()->first; ++year) {
    const auto found = record.weeks_by_year.find(year);
    years.emplace_back(year, found == record.weeks_by_year.end() ? 0 : found->second);
  }
  return years;
}

std::string weeks_chart(const RecordsText& text, const std::vector<std::pair<int, int>>& years) {
  BarChart chart{"weeks-chart", text("records_statement_chart_title"),
                 text("records_statement_chart_title") + ", " + text("records_statement_chart_from") + " " +
                     std::to_string(years.front().first) + " " + text("records_statement_chart_to") + " " +
                     std::to_string(years.back().first) + ". " + text("records_statement_chart_desc"),
                 {}, {}};
  for (const auto& [year, weeks] : years)
    chart.bars.push_back({std::to_string(year), static_cast<double>(weeks),
                          std::to_string(year) + ": " + text.count(weeks, ContributionUnit::weeks)});
  return render_bar_chart(chart);
}

PageData period_row(const RecordsText& text, const ContributionPeriod& p) {
  PageData row{PageData::type::object};
  row.set("from", text.date(p.from));
  row.set("to", text.date(p.to));
  row.set("kind", text(std::string("records_kind_") + to_string(p.kind)));
  row.set("right", text.count(p.units_for_right, p.unit));
  row.set("amount", text.count(p.units_for_amount, p.unit));
  row.set("pay", text.euro(p.pay));
  row.set("employer", p.employer_name);
  row.set("matricola", p.employer_matricola);
  if (!p.note.empty()) row.set("note", p.note);
  return row;
}

PageData gestione_section(const RecordsText& text, const GestioneRecord& g) {
  const std::string code = to_string(g.gestione);
  PageData section{PageData::type::object};
  section.set("code", code);
  section.set("name", text("records_gestione_" + code));
  section.set("weeks", text.count(g.weeks_for_right, ContributionUnit::weeks));
  const int first = g.years.front().year;
  const int last = g.years.back().year;
  section.set("span", first == last ? std::to_string(first) : std::to_string(first) + "–" + std::to_string(last));
  PageData years{PageData::type::list};
  for (const ContributionYear& y : g.years) {
    PageData year{PageData::type::object};
    year.set("year", std::to_string(y.year));
    year.set("weeks", text.count(y.weeks_for_right, ContributionUnit::weeks));
    year.set("pay", text.euro(y.pay));
    PageData periods{PageData::type::list};
    for (const ContributionPeriod& p : y.periods) periods.push_back(period_row(text, p));
    year.set("periods", periods);
    years.push_back(year);
  }
  section.set("years", years);
  return section;
}

Response statement(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  auto record = ConsultRecords(web.api.ctx).contributions(who->session);
  if (!record) return records_problem(web, r, *who, record.error(), "/area-riservata");
  const RecordsText text(web.pages.texts(), language_of(r));
  PageData values = records_values(*who, text, "records_statement_title");
  values.set("empty", record->empty());
  if (record->empty()) return render_page(web, r, "records_statement", values);

  values.set("total_weeks", std::to_string(record->total_weeks_for_right));
  values.set("total_years", in_years(text, record->total_weeks_for_right));
  const auto years = weeks_per_year(*record);
  values.set("chart", weeks_chart(text, years));
  PageData year_rows{PageData::type::list};
  for (const auto& [year, weeks] : years) {
    PageData row{PageData::type::object};
    row.set("year", std::to_string(year));
    row.set("weeks", std::to_string(weeks));
    year_rows.push_back(row);
  }
  values.set("chart_rows", year_rows);
  PageData gestioni{PageData::type::list};
  for (const GestioneRecord& g : record->gestioni) gestioni.push_back(gestione_section(text, g));
  values.set("gestioni", gestioni);
  return render_page(web, r, "records_statement", values);
}

}  // namespace

void add_statement_page(http::Router& router, Web& web) {
  router.add({http::Verb::get, "/area-riservata/estratto-conto", [&web](Request& r) { return statement(web, r); }});
}

}  // namespace sportello::web
