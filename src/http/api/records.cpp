// The reserved area's records for the signed-in citizen (issue 10, SPEC §5): GET /me/contributions (JSON,
// .pdf, .csv), /me/cu and /me/cu/{year} (JSON, /pdf), /me/pension-slips and /me/pension-slips/{month}
// (JSON, /pdf). Everything is read through the session's own citizen; a year or month of someone else's
// is simply not found. PDFs are rendered on the worker pool, away from the connections' threads.
#include <charconv>

#include "documents/records_pdf.h"
#include "flows/profile.h"
#include "flows/services/consult_records.h"
#include "http/api/api.h"
#include "http/api/auth.h"
#include "http/api/ready_body.h"
#include "http/api/records_json.h"
#include "http/api/respond.h"
#include "http/file_response.h"

namespace sportello::http {
namespace {

namespace json = boost::json;

std::optional<int> year_param(const Request& r) {
  const std::string& text = r.params.at("year");
  int year = 0;
  if (text.size() != 4 || std::from_chars(text.data(), text.data() + 4, year).ptr != text.data() + 4) return std::nullopt;
  return year;
}

Response no_cu(const Request& r) {
  return reply(r, Error{ErrorKind::not_found, "cu-not-found", "There is no Certificazione Unica for that year.", "year", {}});
}

Response no_slip(const Request& r) {
  return reply(r, Error{ErrorKind::not_found, "pension-slip-not-found", "There is no pension slip for that month.", "month", {}});
}

enum class Format { json, pdf, csv };

// The record as JSON kept ready (ready_body): a long record is read, summed and serialised once, not per request.
// Kept only for a citizen's own session, whose subject is the record's holder.
Response contributions_json(Api& api, Request& r, const Session& session) {
  auto make = [&]() -> Result<ReadyBody> {
    auto record = ConsultRecords(api.ctx).contributions(session);
    if (!record) return record.error();
    return encode_body(json::serialize(to_json(*record)), "application/json");
  };
  auto body = session.subject_kind == SubjectKind::citizen
                  ? ready_body(api, "contributions:" + std::to_string(session.subject_id), make)
                  : make();
  if (!body) return reply(r, body.error());
  return respond_with(r, **body);
}

Response contributions(Api& api, Request& r, Format format) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  if (format == Format::json) return contributions_json(api, r, caller->session);
  auto record = ConsultRecords(api.ctx).contributions(caller->session);
  if (!record) return reply(r, record.error());
  if (format == Format::csv) return download(r, "text/csv; charset=utf-8", "estratto-conto.csv", contribution_record_csv(*record));
  auto profile = Profile(api.ctx).citizen(caller->session);
  if (!profile) return reply(r, profile.error());
  return download(r, "application/pdf", "estratto-conto.pdf",
              render_contribution_statement(profile->citizen, *record, api.ctx.clock.now()));
}

Response cu_list(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  auto documents = ConsultRecords(api.ctx).certificazioni(caller->session);
  if (!documents) return reply(r, documents.error());
  json::array rows;
  for (const CertificazioneUnica& cu : *documents) rows.push_back(summary_json(cu));
  return reply(r, HttpStatus::ok, {{"documents", rows}});
}

Response cu(Api& api, Request& r, Format format) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  const auto year = year_param(r);
  if (!year) return no_cu(r);
  auto document = ConsultRecords(api.ctx).certificazione(caller->session, *year);
  if (!document) return reply(r, document.error());
  if (format == Format::json) return reply(r, HttpStatus::ok, to_json(*document));
  return download(r, "application/pdf", "CU-" + std::to_string(*year) + ".pdf", render_certificazione_unica(*document));
}

Response slip_list(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  auto slips = ConsultRecords(api.ctx).pension_slips(caller->session);
  if (!slips) return reply(r, slips.error());
  json::array rows;
  for (const PensionSlip& s : *slips) rows.push_back(to_json(s));
  return reply(r, HttpStatus::ok, {{"slips", rows}});
}

Response slip(Api& api, Request& r, Format format) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  const auto month = parse_year_month(r.params.at("month"));
  if (!month) return no_slip(r);
  auto slips = ConsultRecords(api.ctx).pension_slip(caller->session, *month);
  if (!slips) return reply(r, slips.error());
  if (format == Format::json) {
    json::array rows;
    for (const PensionSlip& s : *slips) rows.push_back(to_json(s));
    return reply(r, HttpStatus::ok, {{"month", format_year_month(*month)}, {"slips", rows}});
  }
  auto profile = Profile(api.ctx).citizen(caller->session);
  if (!profile) return reply(r, profile.error());
  return download(r, "application/pdf", "cedolino-" + format_year_month(*month) + ".pdf",
              render_pension_slip(profile->citizen, *slips));
}

}  // namespace

void add_records_routes(Router& router, Api& api) {
  const std::string me = std::string(kApi) + "/me";
  const bool heavy = true;  // PDF rendering
  router.add({Verb::get, me + "/contributions", [&api](Request& r) { return contributions(api, r, Format::json); }});
  router.add({Verb::get, me + "/contributions.csv", [&api](Request& r) { return contributions(api, r, Format::csv); }});
  router.add({Verb::get, me + "/contributions.pdf", [&api](Request& r) { return contributions(api, r, Format::pdf); }, heavy});
  router.add({Verb::get, me + "/cu", [&api](Request& r) { return cu_list(api, r); }});
  router.add({Verb::get, me + "/cu/{year}", [&api](Request& r) { return cu(api, r, Format::json); }});
  router.add({Verb::get, me + "/cu/{year}/pdf", [&api](Request& r) { return cu(api, r, Format::pdf); }, heavy});
  router.add({Verb::get, me + "/pension-slips", [&api](Request& r) { return slip_list(api, r); }});
  router.add({Verb::get, me + "/pension-slips/{month}", [&api](Request& r) { return slip(api, r, Format::json); }});
  router.add({Verb::get, me + "/pension-slips/{month}/pdf", [&api](Request& r) { return slip(api, r, Format::pdf); }, heavy});
}

}  // namespace sportello::http
