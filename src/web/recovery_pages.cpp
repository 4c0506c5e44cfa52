// Ha smarrito il PIN? (SPEC §4.5): /pin-smarrito takes the codice fiscale and two registered contacts and
// answers the same page whether or not they matched; the e-mail's link leads to /ripristino?token=..., where
// the code from the same e-mail completes the recovery and a new PIN is sent in two halves.
#include "flows/recover_pin.h"
#include "http/api/auth.h"
#include "web/form.h"
#include "web/page_request.h"
#include "web/pin_retirement.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

const FieldSpec kRecoveryStart[] = {{"codice_fiscale", "text", "off"},
                            {"mobile", "tel", "tel"},
                            {"email", "email", "email"},
                            {"pec", "email", "off"},
                            {"pec_cittadino", "email", "off"}};
const FieldSpec kRecoveryCode[] = {{"code", "text", "one-time-code", "field_recovery_code_help"}};
const FieldSpec kRecoveryToken[] = {{"token", "hidden", "off"}};

FormPage recovery_start_page() {
  return {"recover_title", "recover_lead", "recover_submit", "/pin-smarrito", kRecoveryStart};
}

FormPage recovery_code_page() {
  return {"recover_code_title", "recover_code_lead", "recover_code_submit", "/ripristino", kRecoveryCode, kRecoveryToken};
}

Response show_recovery(Web& web, Request& r, const FormPage& page, const Fields& typed, const std::optional<Error>& error,
              http::HttpStatus status = http::HttpStatus::ok) {
  return anonymous_form_page(web, r, "form", form_values(web.pages.texts(), language_of(r), page, typed, error), status);
}

Response refused(Web& web, Request& r, const FormPage& page, const Fields& typed) {
  return show_recovery(web, r, page, typed, Error::invalid("form_expired", "", ""), http::HttpStatus::forbidden);
}

Response recovery_start_form(Web& web, Request& r) { return show_recovery(web, r, recovery_start_page(), {}, std::nullopt); }

Response start_recovery(Web& web, Request& r) {
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields)) return refused(web, r, recovery_start_page(), fields.value_or(Fields{}));
  if (http::throttled(web.api, r))
    return show_recovery(web, r, recovery_start_page(), *fields, Error::invalid("throttled", "", ""), http::HttpStatus::too_many_requests);
  if (auto limited = http::costly_throttled(web.api, r))
    return show_recovery(web, r, recovery_start_page(), *fields, *limited, http::HttpStatus::too_many_requests);
  auto started = RecoverPin(web.api.ctx)
                     .start({value_of(*fields, "codice_fiscale"), value_of(*fields, "mobile"), value_of(*fields, "email"),
                             value_of(*fields, "pec"), value_of(*fields, "pec_cittadino")});
  http::settle_costly(web.api, r, started);
  if (!started) return show_recovery(web, r, recovery_start_page(), *fields, started.error(), form_error_status(started.error()));
  return redirect(r, "/pin-smarrito/inviato");
}

Response sent(Web& web, Request& r) {
  return render_page(web, r, "notice",
                     notice_values(web.pages.texts(), language_of(r), "recover_sent_title",
                                   {"recover_sent_text", "recover_sent_next"}, {{"/", "back_home"}}));
}

Response recovery_code_form(Web& web, Request& r) {
  const auto token = r.query.find("token");
  return show_recovery(web, r, recovery_code_page(), {{"token", token == r.query.end() ? "" : token->second}}, std::nullopt);
}

Response confirm_recovery(Web& web, Request& r) {
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields)) return refused(web, r, recovery_code_page(), fields.value_or(Fields{}));
  if (http::throttled(web.api, r))
    return show_recovery(web, r, recovery_code_page(), *fields, Error::invalid("throttled", "", ""), http::HttpStatus::too_many_requests);
  auto confirmed = RecoverPin(web.api.ctx).confirm(value_of(*fields, "token"), value_of(*fields, "code"));
  if (!confirmed) {
    Error e = confirmed.error();
    if (e.code == "wrong-recovery-code") e.field = "code";
    // A link that is unknown, used or expired cannot be mended on this page: say so, and offer a new start.
    if (e.field != "code")
      return render_page(web, r, "notice",
                         notice_values(web.pages.texts(), language_of(r), "recover_code_title", {},
                                       {{"/pin-smarrito", "recover_again"}}, e),
                         http::HttpStatus::unprocessable_entity);
    return show_recovery(web, r, recovery_code_page(), *fields, e, http::HttpStatus::unprocessable_entity);
  }
  return redirect(r, "/ripristino/completato");
}

Response done(Web& web, Request& r) {
  return render_page(web, r, "notice",
                     notice_values(web.pages.texts(), language_of(r), "recover_done_title",
                                   {"recover_done_text", "recover_done_next"}, {{"/accedi", "login_title"}}));
}

}  // namespace

void add_recovery_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, "/pin-smarrito",
              unless_pin_retired(web, [&web](Request& r) { return recovery_start_form(web, r); })});
  router.add({Verb::post, "/pin-smarrito",
              unless_pin_retired(web, [&web](Request& r) { return start_recovery(web, r); }), true});
  router.add({Verb::get, "/pin-smarrito/inviato", [&web](Request& r) { return sent(web, r); }});
  router.add({Verb::get, "/ripristino",
              unless_pin_retired(web, [&web](Request& r) { return recovery_code_form(web, r); })});
  router.add({Verb::post, "/ripristino",
              unless_pin_retired(web, [&web](Request& r) { return confirm_recovery(web, r); }), true});
  router.add({Verb::get, "/ripristino/completato", [&web](Request& r) { return done(web, r); }});
}

}  // namespace sportello::web
