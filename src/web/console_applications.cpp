// The back office's work on applications (SPEC §5, issue 10): the queue (/operatori/domande, a tab per type,
// oldest first with its age), one application with its holder, data and attachments shown in the page
// (/operatori/domande/{id}, the files at .../allegati/{attachment}, never cached), "Prendi in carico" while
// it is inviata, then "Accogli" or "Respingi" with a reason (required to reject). The flows allow it to the
// back office and administrators only; other roles get the 403 page.
#include "flows/profile.h"
#include "flows/services/review_applications.h"
#include "http/api/respond.h"
#include "http/file_response.h"
#include "web/applications_format.h"
#include "web/applications_pages.h"
#include "web/console_session.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr const char* kApplicationQueue = "/operatori/domande";
constexpr Flash kApplicationFlashes[] = {{"domanda-accolta", true}, {"domanda-respinta", true}, {"domanda-non-trovata", false}};
constexpr Flash kDetailFlashes[] = {{"presa-in-carico", true}, {"domanda-gia-trattata", false}};

std::string review_path(std::int64_t id) { return std::string(kApplicationQueue) + "/" + std::to_string(id); }

Error no_such_application() {
  return Error{ErrorKind::not_found, "application-not-found", "No application has that number.", "id", {}};
}

std::string age_text(const ApplicationsText& text, Instant since, Instant now) {
  const Age age = age_of(since, now);
  if (age.unit == Age::under_hour) return text("console_age_under_hour");
  const std::string unit = age.unit == Age::days ? "days" : "hours";
  return std::to_string(age.count) + " " + text("console_applications_age_" + unit + (age.count == 1 ? "_one" : "_other"));
}

// The tabs: every application waiting, then one per type, each with how many wait.
PageData tabs(const ApplicationsText& text, const std::vector<QueuedApplication>& all, std::optional<ApplicationType> chosen) {
  PageData rows{PageData::type::list};
  auto tab = [&](const std::string& href, const std::string& label, long count, bool current) {
    PageData row{PageData::type::object};
    row.set("href", href);
    row.set("text", label);
    row.set("count", std::to_string(count));
    row.set("current", current);
    rows.push_back(row);
  };
  tab(kApplicationQueue, text("console_applications_tab_all"), static_cast<long>(all.size()), !chosen);
  for (ApplicationType t : kAllApplicationTypes) {
    const long count = std::count_if(all.begin(), all.end(), [t](const QueuedApplication& q) { return q.application.type == t; });
    tab(std::string(kApplicationQueue) + "?tipo=" + to_string(t), text(std::string("console_applications_tab_") + to_string(t)), count,
        chosen == t);
  }
  return rows;
}

Response application_queue(Web& web, Request& r) {
  return as_staff(web, r, [&](const SignedInStaff& who) {
    const ApplicationsText text(web.pages.texts(), language_of(r));
    const auto tipo = r.query.find("tipo");
    const auto chosen = tipo == r.query.end() ? std::nullopt : parse_application_type(tipo->second);
    auto waiting = ReviewApplications(web.api.ctx).queue(who.actor, std::nullopt);
    if (!waiting) return console_problem(web, r, who, waiting.error());
    const Instant now = web.api.ctx.clock.now();
    PageData rows{PageData::type::list};
    for (const QueuedApplication& q : *waiting) {
      if (chosen && q.application.type != *chosen) continue;
      PageData row{PageData::type::object};
      row.set("id", std::to_string(q.application.id));
      row.set("href", review_path(q.application.id));
      row.set("protocol", q.application.protocol);
      row.set("citizen", q.surname + " " + q.name);
      row.set("codice_fiscale", q.codice_fiscale);
      row.set("type", text.type_name(q.application.type));
      row.set("state", text.state_name(q.application.state));
      row.set("badge", state_badge(q.application.state));
      row.set("filed", text.when(q.application.submitted_at));
      row.set("filed_utc", format_utc_iso(q.application.submitted_at));
      row.set("age", age_text(text, q.application.submitted_at, now));
      rows.push_back(row);
    }
    PageData values = console_values(web, r, who);
    values.set("tabs", tabs(text, *waiting, chosen));
    values.set("applications", rows);
    values.set("empty", rows.is_empty_list());
    values.set("caption", chosen ? text("console_applications_caption_type") + " " + text.type_name(*chosen)
                                 : text("console_applications_caption"));
    put_flash(web, r, kApplicationFlashes, values);
    return render_page(web, r, "console_applications_queue", values);
  });
}

Response application_review(Web& web, Request& r) {
  return as_staff(web, r, [&](const SignedInStaff& who) {
    const ApplicationsText text(web.pages.texts(), language_of(r));
    const auto id = http::id_param(r);
    if (!id) return console_problem(web, r, who, no_such_application());
    auto review = ReviewApplications(web.api.ctx).open(who.actor, *id);
    if (!review) return console_problem(web, r, who, review.error());
    const Application& a = review->application;
    PageData values = console_values(web, r, who);
    put_holder(text, review->holder, values);
    values.set("title", text.type_name(a.type));
    values.set("protocol", a.protocol);
    values.set("detail_path", review_path(a.id));
    values.set("state", text.state_name(a.state));
    values.set("badge", state_badge(a.state));
    values.set("filed", text.when(a.submitted_at));
    // The colleague by name ("Laura Verdi"); by username ("bo.verdi") for an account without one.
    const std::string name = Profile(web.api.ctx).staff_name(a.handler);
    const std::string handler = !name.empty() ? name : a.handler.starts_with("staff:") ? a.handler.substr(6) : a.handler;
    values.set("handler", handler.empty() ? PageData(false) : PageData(handler));
    values.set("data", data_rows(text, a));
    values.set("timeline", timeline_rows(text, a));
    values.set("attachments", attachment_rows(text, a, review_path(a.id)));
    values.set("has_attachments", !a.attachments.empty());
    values.set("pending", a.state == ApplicationState::inviata);
    values.set("in_review", a.state == ApplicationState::in_istruttoria);
    const auto reason = r.query.find("motivo");
    if (reason != r.query.end() && reason->second == "mancante")
      values.set("reason_error", text.problem(Error::invalid("reason-required", "", "reason"), {}));
    put_flash(web, r, kDetailFlashes, values);
    return render_page(web, r, "console_applications_detail", values);
  });
}

// A citizen's file as it was checked (PDF, JPEG or PNG by content), shown in the detail page (framable by
// this site only, sandboxed) or, with ?scarica=1, downloaded.
Response review_attachment(Web& web, Request& r) {
  return as_staff(web, r, [&](const SignedInStaff& who) {
    const auto id = http::id_param(r);
    const auto attachment_id = http::id_param(r, "attachment");
    if (!id || !attachment_id) return console_problem(web, r, who, no_such_application());
    auto found = ReviewApplications(web.api.ctx).attachment(who.actor, *id, *attachment_id);
    if (!found) return console_problem(web, r, who, found.error());
    return http::uploaded_file(r, found->info.media_type, found->info.name, std::move(found->bytes), !r.query.contains("scarica"));
  });
}

// A refusal of the application's state (a colleague was quicker) is an outcome, shown on the detail.
Response after(Web& web, Request& r, const SignedInStaff& who, std::int64_t id, const Status& done, const std::string& next) {
  if (done) return redirect(r, next);
  if (done.error().kind == ErrorKind::not_found) return redirect(r, std::string(kApplicationQueue) + "?esito=domanda-non-trovata");
  if (done.error().kind == ErrorKind::illegal_transition) return redirect(r, review_path(id) + "?esito=domanda-gia-trattata");
  return console_problem(web, r, who, done.error());
}

Response take_in_charge(Web& web, Request& r) {
  return as_staff_posting(web, r, kApplicationQueue, [&](const SignedInStaff& who, const Fields&) {
    const auto id = http::id_param(r);
    if (!id) return console_problem(web, r, who, no_such_application());
    const Status done = ReviewApplications(web.api.ctx).take_in_charge(who.actor, *id);
    return after(web, r, who, *id, done, review_path(*id) + "?esito=presa-in-carico");
  });
}

Response decide(Web& web, Request& r) {
  return as_staff_posting(web, r, kApplicationQueue, [&](const SignedInStaff& who, const Fields& fields) {
    const auto id = http::id_param(r);
    if (!id) return console_problem(web, r, who, no_such_application());
    const bool accepted = value_of(fields, "esito") == "accogli";
    if (!accepted && value_of(fields, "esito") != "respingi") return redirect(r, review_path(*id));
    const Status done = ReviewApplications(web.api.ctx).decide(who.actor, *id, accepted, value_of(fields, "reason"));
    // Back to the detail with a GET (its attachments are frames; see console_dispositivo.cpp), which shows
    // the error next to the reason.
    if (!done && done.error().code == "reason-required") return redirect(r, review_path(*id) + "?motivo=mancante#reason");
    return after(web, r, who, *id, done,
                 std::string(kApplicationQueue) + "?esito=" + (accepted ? "domanda-accolta" : "domanda-respinta"));
  });
}

}  // namespace

void add_console_application_pages(http::Router& router, Web& web) {
  using http::Verb;
  const std::string one = std::string(kApplicationQueue) + "/{id}";
  router.add({Verb::get, kApplicationQueue, [&web](Request& r) { return application_queue(web, r); }});
  router.add({Verb::get, one, [&web](Request& r) { return application_review(web, r); }});
  router.add({Verb::get, one + "/allegati/{attachment}", [&web](Request& r) { return review_attachment(web, r); }});
  router.add({Verb::post, one + "/prendi-in-carico", [&web](Request& r) { return take_in_charge(web, r); }});
  router.add({Verb::post, one + "/decidi", [&web](Request& r) { return decide(web, r); }});
}

}  // namespace sportello::web
