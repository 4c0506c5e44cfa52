// The contact center's queue of online requests waiting for the 48-hour data confirmation (SPEC §4.1):
// /operatori/richieste lists them oldest first with the numbers to call and finds one by codice fiscale;
// /operatori/richieste/{codice_fiscale} shows what to check on the call, then confirm, or reject with a reason.
#include "core/civil_time.h"
#include "flows/review_request.h"
#include "web/console_request_view.h"
#include "web/console_session.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr const char* kRequestQueue = "/operatori/richieste";

constexpr Flash kRequestFlashes[] = {{"confermata", true}, {"respinta", true}, {"non-trovata", false},
                                   {"gia-decisa", false}, {"scaduta", false}};

// A review refused because of the request's state: back to the queue with its outcome.
struct ReviewOutcome {
  const char* code;
  const char* outcome;
};
constexpr ReviewOutcome kReviewOutcomes[] = {
    {"holder-not-found", "non-trovata"}, {"illegal-transition", "gia-decisa"}, {"pin-expired", "scaduta"}};

std::string age_text(const Texts& t, Language language, Seconds age) {
  const long long hours = age.count() / 3600;
  if (hours < 1) return t.get(language, "console_age_under_hour");
  return std::to_string(hours) + " " + t.get(language, hours == 1 ? "console_age_hour" : "console_age_hours");
}

PageData request_row(const Texts& t, Language language, const PendingRequest& p) {
  PageData row = request_values(p, t, language);
  row.set("age", age_text(t, language, p.age));
  return row;
}

// The queue; when a search found nothing, the error is next to the search field (what was typed kept).
Response queue_page(Web& web, Request& r, const SignedInStaff& who, const std::string& searched = "",
                    bool not_found = false) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  auto pending = ReviewRequest(web.api.ctx).queue(who.actor);
  if (!pending) return console_problem(web, r, who, pending.error());
  PageData rows{PageData::type::list};
  for (const PendingRequest& p : *pending) rows.push_back(request_row(t, language, p));
  PageData values = console_values(web, r, who);
  values.set("requests", rows);
  values.set("empty", pending->empty());
  values.set("searched", searched);
  if (not_found) {
    const Error none{ErrorKind::not_found, "console-search-none", "", "cerca", {}};
    values.set("search_error", error_text(t, language, none));
    static constexpr FieldSpec kSearch[] = {{"cerca", "search", "off"}};
    problem_summary(values, t, language, {{kSearch, "console_field_"}}, {none});
  }
  put_flash(web, r, kRequestFlashes, values);
  return render_page(web, r, "console_queue", values, not_found ? http::HttpStatus::not_found : http::HttpStatus::ok);
}

// GET /operatori/richieste[?cerca=codice fiscale]: a request found opens its page.
Response request_queue(Web& web, Request& r) {
  return as_staff(web, r, [&](const SignedInStaff& who) {
    const auto searched = r.query.find("cerca");
    if (searched == r.query.end() || searched->second.find_first_not_of(" \t") == std::string::npos)
      return queue_page(web, r, who);
    auto found = ReviewRequest(web.api.ctx).find(who.actor, searched->second);
    if (found) return redirect(r, request_path(*found));
    if (found.error().kind == ErrorKind::forbidden) return console_problem(web, r, who, found.error());
    return queue_page(web, r, who, searched->second, true);
  });
}

// The request's page: what to check on the call, confirm, or reject with a reason (its error next to it).
Response request_page(Web& web, Request& r, const SignedInStaff& who, const std::string& typed_reason = "",
                      const std::optional<Error>& reason_error = std::nullopt) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  auto found = ReviewRequest(web.api.ctx).find(who.actor, r.params.at("codice_fiscale"));
  if (!found) return console_problem(web, r, who, found.error());
  PageData values = console_values(web, r, who);
  values.set("request", request_row(t, language, *found));
  values.set("reason", typed_reason);
  if (reason_error) {
    values.set("reason_error", error_text(t, language, *reason_error));
    static constexpr FieldSpec kReason[] = {{"reason", "text", "off"}};
    problem_summary(values, t, language, {{kReason, "console_field_"}}, {*reason_error});
  }
  return render_page(web, r, "console_request_detail", values,
                     reason_error ? http::HttpStatus::unprocessable_entity : http::HttpStatus::ok);
}

Response request(Web& web, Request& r) {
  return as_staff(web, r, [&](const SignedInStaff& who) { return request_page(web, r, who); });
}

Response after_review(Web& web, Request& r, const SignedInStaff& who, const Status& done, const char* outcome) {
  if (done) return redirect(r, std::string(kRequestQueue) + "?esito=" + outcome);
  for (const ReviewOutcome& known : kReviewOutcomes)
    if (done.error().code == known.code) return redirect(r, std::string(kRequestQueue) + "?esito=" + known.outcome);
  return console_problem(web, r, who, done.error());
}

Response confirm_request(Web& web, Request& r) {
  return as_staff_posting(web, r, kRequestQueue, [&](const SignedInStaff& who, const Fields&) {
    return after_review(web, r, who, ReviewRequest(web.api.ctx).confirm(who.actor, r.params.at("codice_fiscale")), "confermata");
  });
}

Response reject_request(Web& web, Request& r) {
  return as_staff_posting(web, r, kRequestQueue, [&](const SignedInStaff& who, const Fields& fields) {
    const std::string& code = r.params.at("codice_fiscale");
    const std::string reason = value_of(fields, "reason");
    const Status done = ReviewRequest(web.api.ctx).reject(who.actor, code, reason);
    if (!done && done.error().code == "reason-required") return request_page(web, r, who, reason, done.error());
    return after_review(web, r, who, done, "respinta");
  });
}

}  // namespace

void add_console_queue_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, kRequestQueue, [&web](Request& r) { return request_queue(web, r); }});
  router.add({Verb::get, std::string(kRequestQueue) + "/{codice_fiscale}", [&web](Request& r) { return request(web, r); }});
  router.add({Verb::post, std::string(kRequestQueue) + "/{codice_fiscale}/conferma", [&web](Request& r) { return confirm_request(web, r); }});
  router.add({Verb::post, std::string(kRequestQueue) + "/{codice_fiscale}/rifiuta", [&web](Request& r) { return reject_request(web, r); }});
}

}  // namespace sportello::web
