// The reserved area's consultation pages (SPEC §5, issue 10): Certificazione Unica (/area-riservata/cu, one
// PDF per year) and the pension slips (/area-riservata/cedolini, newest month first, with the net of the last
// 12 months as a chart); the estratto conto is in records_statement.cpp, the files in records_downloads.cpp.
// Pages read without JavaScript; a signed-out visit goes to /accedi.
#include <map>

#include "flows/services/consult_records.h"
#include "http/api/auth.h"
#include "web/euro_text.h"
#include "web/form.h"
#include "web/records_pages.h"
#include "web/svg_chart.h"

namespace sportello::web {

using http::Request;
using http::Response;

std::string RecordsText::euro(Cents amount) const { return euro_text(amount, language_); }

std::string RecordsText::whole_euro(double euros) const {
  // Ticks are round: the cents (",00" / ".00") are left out.
  const Cents cents = static_cast<Cents>(euros) * 100;
  const std::string digits = language_ == Language::it ? format_euro_it(cents) : format_euro_en(cents);
  const std::string whole = digits.substr(0, digits.size() - 3);
  return language_ == Language::it ? whole + kNoBreakSpace + "€" : "€" + whole;
}

std::string RecordsText::date(Date date) const {
  return language_ == Language::it ? format_date_it(date) : sportello::format_date(date);
}

std::string RecordsText::count(int n, ContributionUnit unit) const {
  const char* name = unit == ContributionUnit::weeks ? "weeks" : unit == ContributionUnit::days ? "days" : "months";
  return std::to_string(n) + kNoBreakSpace + (*this)(std::string("records_unit_") + name + (n == 1 ? "_one" : "_other"));
}

std::string RecordsText::month(std::chrono::year_month month) const {
  return (*this)("records_month_" + std::to_string(static_cast<unsigned>(month.month()))) + " " +
         std::to_string(static_cast<int>(month.year()));
}

std::string RecordsText::short_month(std::chrono::year_month month) const {
  return (*this)("records_month_short_" + std::to_string(static_cast<unsigned>(month.month())));
}

PageData records_values(const SignedIn& who, const RecordsText& text, const char* title_key) {
  PageData values = signed_in_values(who);
  values.set("crumb", text(title_key));
  return values;
}

Response records_not_found(Web& web, const Request& r, const SignedIn& who, const char* list) {
  PageData values = notice_values(web.pages.texts(), language_of(r), "records_not_found_title", {"records_not_found_text"},
                                  {{list, "records_back_to_list"}, {"/area-riservata", "back_reserved"}});
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who.token));
  return render_page(web, r, "notice", values, http::HttpStatus::not_found);
}

Response records_problem(Web& web, const Request& r, const SignedIn& who, const Error& error, const char* list) {
  if (error.kind == ErrorKind::not_found) return records_not_found(web, r, who, list);
  PageData values = notice_values(web.pages.texts(), language_of(r), "records_unavailable_title",
                                  {"records_unavailable_text"}, {{"/area-riservata", "back_reserved"}});
  values.set("signed_in", true);
  values.set("csrf", http::csrf_token_for(who.token));
  return render_page(web, r, "notice", values, http::HttpStatus::service_unavailable);
}

namespace {

Response certificazioni(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  auto cus = ConsultRecords(web.api.ctx).certificazioni(who->session);
  if (!cus) return records_problem(web, r, *who, cus.error(), "/area-riservata");
  const RecordsText text(web.pages.texts(), language_of(r));
  PageData values = records_values(*who, text, "records_cu_title");
  PageData rows{PageData::type::list};
  for (const CertificazioneUnica& cu : *cus) {
    PageData row{PageData::type::object};
    // The CU is named by the year it is issued in and certifies the year before ("CU 2025", redditi 2024).
    row.set("name", text("records_cu_name") + " " + std::to_string(cu.year + 1));
    row.set("year", std::to_string(cu.year));
    row.set("issued_on", text.date(cu.issued_on));
    row.set("income", text.euro(cu.total_income()));
    row.set("withheld", text.euro(cu.total_withheld()));
    rows.push_back(row);
  }
  values.set("cus", rows);
  values.set("empty", cus->empty());
  return render_page(web, r, "records_cu", values);
}

struct MonthTotal {
  std::chrono::year_month month;
  std::string pensions;  // "VO 12345678"; more than one pension in a month: ", "
  Cents gross = 0;
  Cents net = 0;
};

// The slips (newest month first) folded into one line per month.
std::vector<MonthTotal> by_month(const std::vector<PensionSlip>& slips) {
  std::vector<MonthTotal> months;
  for (const PensionSlip& slip : slips) {
    if (months.empty() || months.back().month != slip.month) months.push_back({slip.month, "", 0, 0});
    MonthTotal& m = months.back();
    m.pensions += (m.pensions.empty() ? "" : ", ") + slip.category + kNoBreakSpace + slip.pension_number;
    m.gross += slip.gross + slip.arrears;
    m.net += slip.net;
  }
  return months;
}

// The net of the 12 months that end with the newest slip; a month without a slip is a bar of 0.
std::string net_chart(const RecordsText& text, const std::vector<MonthTotal>& months) {
  std::map<std::chrono::year_month, Cents> net;
  for (const MonthTotal& m : months) net[m.month] = m.net;
  const std::chrono::year_month last = months.front().month;
  const std::chrono::year_month first = last - std::chrono::months{11};
  BarChart chart{"net-chart", text("records_slips_chart_title"),
                 text("records_slips_chart_title") + ", " + text("records_statement_chart_from") + " " + text.month(first) +
                     " " + text("records_statement_chart_to") + " " + text.month(last) + ". " + text("records_slips_chart_desc"),
                 {}, [&text](double euros) { return text.whole_euro(euros); }};
  for (std::chrono::year_month m = first; m <= last; m += std::chrono::months{1}) {
    const Cents cents = net.contains(m) ? net[m] : 0;
    chart.bars.push_back({text.short_month(m), static_cast<double>(cents) / 100, text.month(m) + ": " + text.euro(cents)});
  }
  return render_bar_chart(chart);
}

Response pension_slips(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  auto slips = ConsultRecords(web.api.ctx).pension_slips(who->session);
  if (!slips) return records_problem(web, r, *who, slips.error(), "/area-riservata");
  const RecordsText text(web.pages.texts(), language_of(r));
  PageData values = records_values(*who, text, "records_slips_title");
  const std::vector<MonthTotal> months = by_month(*slips);
  PageData rows{PageData::type::list};
  for (const MonthTotal& m : months) {
    PageData row{PageData::type::object};
    row.set("month", text.month(m.month));
    row.set("code", format_year_month(m.month));
    row.set("pensions", m.pensions);
    row.set("gross", text.euro(m.gross));
    row.set("net", text.euro(m.net));
    rows.push_back(row);
  }
  values.set("slips", rows);
  values.set("empty", months.empty());
  if (!months.empty()) values.set("chart", net_chart(text, months));
  return render_page(web, r, "records_slips", values);
}

}  // namespace

void add_records_pages(http::Router& router, Web& web) {
  using http::Verb;
  add_statement_page(router, web);
  router.add({Verb::get, "/area-riservata/cu", [&web](Request& r) { return certificazioni(web, r); }});
  router.add({Verb::get, "/area-riservata/cedolini", [&web](Request& r) { return pension_slips(web, r); }});
  add_records_downloads(router, web);
}

}  // namespace sportello::web
