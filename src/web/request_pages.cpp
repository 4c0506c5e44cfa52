// Richiedi il PIN (SPEC §4.1), two steps: /richiedi-pin (codice fiscale and residence), then
// /richiedi-pin/dati (personal data and contacts, step 1 carried along in hidden fields), then the answer
// that is the same for everyone. Errors are shown next to their field, in the reader's language; a codice
// fiscale error says which part of the code is wrong.
#include <algorithm>
#include <span>

#include "core/civil_time.h"
#include "flows/applicant.h"
#include "flows/request_pin.h"
#include "http/api/auth.h"
#include "web/form.h"
#include "web/page_request.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;
const FieldSpec kStep1[] = {{"codice_fiscale", "text", "off"},     {"street", "text", "address-line1"},
                            {"number", "text", "off"},             {"cap", "text", "postal-code"},
                            {"comune", "text", "address-level2"},  {"province", "text", "off"}};
const FieldSpec kStep2[] = {{"surname", "text", "family-name"}, {"name", "text", "given-name"},
                            {"sex", "text", "sex"},             {"birth_date", "date", "bday"},
                            {"birth_place", "text", "off"},     {"birth_province", "text", "off"},
                            {"mobile", "tel", "tel"},           {"email", "email", "email"},
                            {"pec", "email", "off"}};

// A step's page: its fields with what was typed and the error next to its own field (or on top when the
// field is not on this step), and step 1's values carried in hidden fields on step 2.
Response step_page(Web& web, Request& r, int step, const Fields& typed, const std::string& csrf,
                   const std::optional<Error>& error, http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  const std::span<const FieldSpec> shown = step == 1 ? std::span<const FieldSpec>(kStep1) : std::span<const FieldSpec>(kStep2);
  PageData values{PageData::type::object};
  values.set("csrf", csrf);
  values.set("fields", field_rows(t, language, shown, typed, error));
  if (step == 2) values.set("carried", hidden_rows(kStep1, typed));
  if (error && !names_one_of(shown, error)) values.set("error", error_text(t, language, *error));
  return render_page(web, r, step == 1 ? "request_step1" : "request_step2", values, status);
}

// Step 1's check, from the flow's rules: the codice fiscale and the residence.
std::optional<Error> check_step1(Web& web, const Fields& f) {
  auto checked = validate_first_step(applicant_from(f), web.api.ctx.places, rome_date(web.api.ctx.clock.now()));
  if (!checked) return checked.error();
  return std::nullopt;
}

Response step1_form(Web& web, Request& r) {
  const std::string token = form_token(r);
  Response response = step_page(web, r, 1, {}, token, std::nullopt);
  response.insert(http::beast_http::field::set_cookie, form_cookie(token));
  return response;
}

Response step1(Web& web, Request& r) {
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields)) return step1_form(web, r);
  const std::string csrf = value_of(*fields, "csrf");
  if (auto e = check_step1(web, *fields)) return step_page(web, r, 1, *fields, csrf, e, http::HttpStatus::unprocessable_entity);
  return step_page(web, r, 2, *fields, csrf, std::nullopt);
}

Response step2(Web& web, Request& r) {
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields)) return step1_form(web, r);
  const std::string csrf = value_of(*fields, "csrf");
  if (http::throttled(web.api, r))
    return step_page(web, r, 2, *fields, csrf, Error::invalid("throttled", "", ""), http::HttpStatus::too_many_requests);
  // Step 1's fields came back hidden: they are checked again.
  if (auto e = check_step1(web, *fields)) return step_page(web, r, 1, *fields, csrf, e, http::HttpStatus::unprocessable_entity);
  auto taken = RequestPinOnline(web.api.ctx).run(applicant_from(*fields));
  if (!taken) {
    const Error& e = taken.error();
    return step_page(web, r, names_one_of(kStep1, e) ? 1 : 2, *fields, csrf, e, http::HttpStatus::unprocessable_entity);
  }
  return redirect(r, "/richiesta-presa-in-carico");
}

Response taken(Web& web, Request& r) { return render_page(web, r, "request_taken", PageData{PageData::type::object}); }

}  // namespace

void add_request_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, "/richiedi-pin", [&web](Request& r) { return step1_form(web, r); }});
  router.add({Verb::post, "/richiedi-pin", [&web](Request& r) { return step1(web, r); }});
  router.add({Verb::post, "/richiedi-pin/dati", [&web](Request& r) { return step2(web, r); }, true});
  router.add({Verb::get, "/richiesta-presa-in-carico", [&web](Request& r) { return taken(web, r); }});
}

}  // namespace sportello::web
