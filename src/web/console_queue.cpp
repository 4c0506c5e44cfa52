// The contact center's queue of online requests waiting for the 48-hour data confirmation (SPEC §4.1):
// /operatori/richieste lists them oldest first; confirm, or reject with a reason.
#include "core/civil_time.h"
#include "flows/review_request.h"
#include "web/console_session.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr const char* kQueue = "/operatori/richieste";

constexpr Flash kQueueFlashes[] = {{"confermata", true}, {"respinta", true}, {"non-trovata", false},
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

// The queue; when a rejection of `rejecting` lacked its reason, the error is next to that row's field.
Response queue_page(Web& web, Request& r, const SignedInStaff& who, const std::string& rejecting = "",
                    const std::string& reason_error = "", http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  auto pending = ReviewRequest(web.api.ctx).queue(who.actor);
  if (!pending) return console_problem(web, r, who, pending.error());
  PageData rows{PageData::type::list};
  for (const PendingRequest& p : *pending) {
    PageData row{PageData::type::object};
    row.set("codice_fiscale", p.codice_fiscale);
    row.set("surname", p.surname);
    row.set("name", p.name);
    row.set("requested_at", format_datetime(p.requested_at, language));
    row.set("age", age_text(t, language, p.age));
    row.set("overdue", p.overdue);
    if (p.codice_fiscale == rejecting) row.set("reason_error", reason_error);
    rows.push_back(row);
  }
  PageData values = console_values(web, r, who);
  values.set("requests", rows);
  values.set("empty", pending->empty());
  put_flash(web, r, kQueueFlashes, values);
  return render_page(web, r, "console_queue", values, status);
}

Response queue(Web& web, Request& r) {
  return as_staff(web, r, [&](const SignedInStaff& who) { return queue_page(web, r, who); });
}

Response after_review(Web& web, Request& r, const SignedInStaff& who, const Status& done, const char* outcome) {
  if (done) return redirect(r, std::string(kQueue) + "?esito=" + outcome);
  for (const ReviewOutcome& known : kReviewOutcomes)
    if (done.error().code == known.code) return redirect(r, std::string(kQueue) + "?esito=" + known.outcome);
  return console_problem(web, r, who, done.error());
}

Response confirm(Web& web, Request& r) {
  return as_staff_posting(web, r, kQueue, [&](const SignedInStaff& who, const Fields&) {
    return after_review(web, r, who, ReviewRequest(web.api.ctx).confirm(who.actor, r.params.at("codice_fiscale")), "confermata");
  });
}

Response reject(Web& web, Request& r) {
  return as_staff_posting(web, r, kQueue, [&](const SignedInStaff& who, const Fields& fields) {
    const std::string& code = r.params.at("codice_fiscale");
    const Status done = ReviewRequest(web.api.ctx).reject(who.actor, code, value_of(fields, "reason"));
    if (!done && done.error().code == "reason-required")
      return queue_page(web, r, who, code, error_text(web.pages.texts(), language_of(r), done.error()),
                        http::HttpStatus::unprocessable_entity);
    return after_review(web, r, who, done, "respinta");
  });
}

}  // namespace

void add_console_queue_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, kQueue, [&web](Request& r) { return queue(web, r); }});
  router.add({Verb::post, std::string(kQueue) + "/{codice_fiscale}/conferma", [&web](Request& r) { return confirm(web, r); }});
  router.add({Verb::post, std::string(kQueue) + "/{codice_fiscale}/rifiuta", [&web](Request& r) { return reject(web, r); }});
}

}  // namespace sportello::web
