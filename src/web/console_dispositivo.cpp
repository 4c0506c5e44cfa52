// The back office's review of online conversions to dispositivo (SPEC §4.7): the queue
// (/operatori/dispositivo), a request with its uploaded document shown on the page
// (/operatori/dispositivo/{id}, the bytes at .../documento, never cached), approval and rejection with a
// reason. The flows allow all of it to the back office only; other roles get the 403 page.
#include "core/civil_time.h"
#include "flows/dispositivo_conversion.h"
#include "http/api/respond.h"
#include "http/file_response.h"
#include "web/console_session.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr const char* kDispositivoQueue = "/operatori/dispositivo";
constexpr Flash kFlashes[] = {{"approvata", true}, {"respinta", true}, {"non-trovata", false}, {"gia-decisa", false}};

std::string dispositivo_path(std::int64_t id) { return std::string(kDispositivoQueue) + "/" + std::to_string(id); }

Error no_such_request() {
  return Error{ErrorKind::not_found, "request-not-found", "No dispositivo request has that number.", "id", {}};
}

std::string document_type_text(const Texts& t, Language language, DocumentType type) {
  return t.get(language, std::string("console_document_") + to_string(type));
}

Response dispositivo_queue(Web& web, Request& r) {
  return as_staff(web, r, [&](const SignedInStaff& who) {
    const Language language = language_of(r);
    auto pending = DispositivoConversion(web.api.ctx).pending(who.actor);
    if (!pending) return console_problem(web, r, who, pending.error());
    PageData rows{PageData::type::list};
    for (const DispositivoRequest& d : *pending) {
      PageData row{PageData::type::object};
      row.set("id", std::to_string(d.id));
      row.set("detail_path", dispositivo_path(d.id));
      row.set("submitted_at", format_datetime(d.submitted_at, language));
      row.set("document_type", document_type_text(web.pages.texts(), language, d.document_type));
      rows.push_back(row);
    }
    PageData values = console_values(web, r, who);
    values.set("requests", rows);
    values.set("empty", pending->empty());
    put_flash(web, r, kFlashes, values);
    return render_page(web, r, "console_dispositivo_queue", values);
  });
}

// One request with its document; `reason_error` is shown next to the reason of the rejection form.
Response detail_page(Web& web, Request& r, const SignedInStaff& who, const std::string& reason_error = "",
                     http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  const auto id = http::id_param(r);
  if (!id) return console_problem(web, r, who, no_such_request());
  auto review = DispositivoConversion(web.api.ctx).review(who.actor, *id);
  if (!review) return console_problem(web, r, who, review.error());
  const DispositivoRequest* request = &review->request;
  PageData values = console_values(web, r, who);
  values.set("id", std::to_string(request->id));
  values.set("detail_path", dispositivo_path(request->id));
  values.set("holder", review->holder.surname + " " + review->holder.name);
  values.set("codice_fiscale", review->codice_fiscale);
  values.set("birth_date", format_date(review->holder.birth_date, language));
  values.set("submitted_at", format_datetime(request->submitted_at, language));
  values.set("document_type", document_type_text(web.pages.texts(), language, request->document_type));
  values.set("pdf", request->document_type == DocumentType::pdf);
  values.set("pending", request->state == ReviewState::pending);
  values.set("state", web.pages.texts().get(language, std::string("console_state_") + to_string(request->state)));
  if (!reason_error.empty()) values.set("reason_error", reason_error);
  return render_page(web, r, "console_dispositivo_detail", values, status);
}

Response dispositivo_detail(Web& web, Request& r) {
  return as_staff(web, r, [&](const SignedInStaff& who) {
    const auto reason = r.query.find("motivo");
    if (reason == r.query.end() || reason->second != "mancante") return detail_page(web, r, who);
    return detail_page(web, r, who, error_text(web.pages.texts(), language_of(r), Error::invalid("reason-required", "", "reason")));
  });
}

// The uploaded bytes as they were checked (PDF, JPEG or PNG by content), shown inline in the detail page
// (framable by this site only) or, with ?scarica=1, downloaded.
Response dispositivo_form_pdf(Web& web, Request& r) {
  return as_staff(web, r, [&](const SignedInStaff& who) {
    const auto id = http::id_param(r);
    if (!id) return console_problem(web, r, who, no_such_request());
    auto request = DispositivoConversion(web.api.ctx).get(who.actor, *id);
    if (!request) return console_problem(web, r, who, request.error());
    const std::string name = "documento-" + std::to_string(*id) + "." + to_string(request->document_type);
    return http::uploaded_file(r, media_type(request->document_type), name, std::move(request->document),
                               !r.query.contains("scarica"));
  });
}

// After a decision: back to the queue with its outcome; a refusal of the request's state is an outcome too.
Response after_decision(Web& web, Request& r, const SignedInStaff& who, const Status& done, const char* outcome) {
  if (done) return redirect(r, std::string(kDispositivoQueue) + "?esito=" + outcome);
  const std::string& code = done.error().code;
  if (code == "request-not-found") return redirect(r, std::string(kDispositivoQueue) + "?esito=non-trovata");
  if (code == "request-already-decided") return redirect(r, std::string(kDispositivoQueue) + "?esito=gia-decisa");
  return console_problem(web, r, who, done.error());
}

Response approve(Web& web, Request& r) {
  return as_staff_posting(web, r, kDispositivoQueue, [&](const SignedInStaff& who, const Fields&) {
    const auto id = http::id_param(r);
    if (!id) return console_problem(web, r, who, no_such_request());
    return after_decision(web, r, who, DispositivoConversion(web.api.ctx).approve(who.actor, *id), "approvata");
  });
}

Response reject(Web& web, Request& r) {
  return as_staff_posting(web, r, kDispositivoQueue, [&](const SignedInStaff& who, const Fields& fields) {
    const auto id = http::id_param(r);
    if (!id) return console_problem(web, r, who, no_such_request());
    const Status done = DispositivoConversion(web.api.ctx).reject(who.actor, *id, value_of(fields, "reason"));
    // Back to the detail (a GET: a page answering a POST would hold the document frame in a state where
    // Chromium no longer submits its forms), which shows the error next to the reason.
    if (!done && done.error().code == "reason-required")
      return redirect(r, dispositivo_path(*id) + "?motivo=mancante#reason");
    return after_decision(web, r, who, done, "respinta");
  });
}

}  // namespace

void add_console_dispositivo_pages(http::Router& router, Web& web) {
  using http::Verb;
  const std::string one = std::string(kDispositivoQueue) + "/{id}";
  router.add({Verb::get, kDispositivoQueue, [&web](Request& r) { return dispositivo_queue(web, r); }});
  router.add({Verb::get, one, [&web](Request& r) { return dispositivo_detail(web, r); }});
  router.add({Verb::get, one + "/documento", [&web](Request& r) { return dispositivo_form_pdf(web, r); }});
  router.add({Verb::post, one + "/approva", [&web](Request& r) { return approve(web, r); }});
  router.add({Verb::post, one + "/rifiuta", [&web](Request& r) { return reject(web, r); }});
}

}  // namespace sportello::web
