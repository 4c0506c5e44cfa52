// The reserved area's files (SPEC §5, issue 10): the estratto conto as PDF and CSV, one year's CU and one
// month's pension slips as PDF. Each is made from the session's own holder's records; a year or month the
// holder has nothing for, or one that is not a year or month at all, is the "not found" page (404).
#include <charconv>

#include "documents/records_pdf.h"
#include "flows/profile.h"
#include "flows/services/consult_records.h"
#include "http/file_response.h"
#include "web/records_pages.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

// "2024" (four digits, nothing else) -> 2024.
std::optional<int> document_year(const std::string& text) {
  int year = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.size() != 4 || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return year;
}

// "2025-03" in exactly that form -> March 2025.
std::optional<std::chrono::year_month> month_of(const std::string& text) {
  const auto month = parse_year_month(text);
  if (!month || format_year_month(*month) != text) return std::nullopt;
  return month;
}

std::string param(const Request& r, const char* name) {
  const auto found = r.params.find(name);
  return found == r.params.end() ? "" : found->second;
}

Response statement_pdf(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  auto profile = Profile(web.api.ctx).citizen(who->session);
  if (!profile) return records_problem(web, r, *who, profile.error(), "/area-riservata/estratto-conto");
  auto record = ConsultRecords(web.api.ctx).contributions(who->session);
  if (!record) return records_problem(web, r, *who, record.error(), "/area-riservata/estratto-conto");
  return http::download(r, "application/pdf", "estratto-conto-contributivo.pdf",
              render_contribution_statement(profile->citizen, *record, web.api.ctx.clock.now()));
}

Response statement_csv(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  auto record = ConsultRecords(web.api.ctx).contributions(who->session);
  if (!record) return records_problem(web, r, *who, record.error(), "/area-riservata/estratto-conto");
  return http::download(r, "text/csv; charset=utf-8", "estratto-conto-contributivo.csv", contribution_record_csv(*record));
}

Response cu_pdf(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto year = document_year(param(r, "year"));
  if (!year) return records_not_found(web, r, *who, "/area-riservata/cu");
  auto cu = ConsultRecords(web.api.ctx).certificazione(who->session, *year);
  if (!cu) return records_problem(web, r, *who, cu.error(), "/area-riservata/cu");
  // Named as the citizen knows it: the CU issued in 2025 certifies the income of 2024.
  return http::download(r, "application/pdf", "CU-" + std::to_string(*year + 1) + "-redditi-" + std::to_string(*year) + ".pdf",
              render_certificazione_unica(*cu));
}

Response slip_pdf(Web& web, Request& r) {
  const auto who = signed_in_holder(web, r);
  if (!who) return redirect_to_login(r);
  const auto month = month_of(param(r, "month"));
  if (!month) return records_not_found(web, r, *who, "/area-riservata/cedolini");
  auto slips = ConsultRecords(web.api.ctx).pension_slip(who->session, *month);
  if (!slips) return records_problem(web, r, *who, slips.error(), "/area-riservata/cedolini");
  if (slips->empty()) return records_not_found(web, r, *who, "/area-riservata/cedolini");
  auto profile = Profile(web.api.ctx).citizen(who->session);
  if (!profile) return records_problem(web, r, *who, profile.error(), "/area-riservata/cedolini");
  return http::download(r, "application/pdf", "cedolino-" + format_year_month(*month) + ".pdf",
              render_pension_slip(profile->citizen, *slips));
}

}  // namespace

void add_records_downloads(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, "/area-riservata/estratto-conto.pdf", [&web](Request& r) { return statement_pdf(web, r); }});
  router.add({Verb::get, "/area-riservata/estratto-conto.csv", [&web](Request& r) { return statement_csv(web, r); }});
  router.add({Verb::get, "/area-riservata/cu/{year}/pdf", [&web](Request& r) { return cu_pdf(web, r); }});
  router.add({Verb::get, "/area-riservata/cedolini/{month}/pdf", [&web](Request& r) { return slip_pdf(web, r); }});
}

}  // namespace sportello::web
