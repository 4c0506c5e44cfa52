// Richiedi il PIN (SPEC §4.1), two steps: /richiedi-pin (codice fiscale and residence), then
// /richiedi-pin/dati (personal data and contacts), each carrying the other step's values in hidden fields so
// that nothing typed is lost going forward or back ("Indietro" posts step 2 back to step 1, without
// JavaScript). Every problem of a step is shown at once (summary on top, each next to its field). The
// answer is the same for everyone; its request number and masked contact reach /richiesta-presa-in-carico in
// a sealed, short-lived, one-time cookie, never in the URL.
#include <algorithm>
#include <charconv>
#include <span>

#include "core/civil_time.h"
#include "core/codice_fiscale.h"
#include "flows/applicant.h"
#include "flows/request_pin.h"
#include "http/api/auth.h"
#include "web/form.h"
#include "web/page_request.h"
#include "web/pin_retirement.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;
const FieldSpec kStep1[] = {{"codice_fiscale", "text", "off"},     {"street", "text", "address-line1"},
                            {"number", "text", "off"},             {"cap", "text", "postal-code"},
                            {"comune", "text", "address-level2"},  {"province", "text", "off"}};
const FieldSpec kStep2[] = {{"surname", "text", "family-name"},
                            {"name", "text", "given-name"},
                            {"sex", "radio", "off", nullptr, kSexChoices},
                            {"birth_date", "text", "bday", "field_birth_date_help"},
                            {"birth_place", "text", "off"},
                            {"birth_province", "text", "off"},
                            {"mobile", "tel", "tel"},
                            {"home_phone", "tel", "tel", "field_home_phone_help"},
                            {"email", "email", "email"},
                            {"pec", "email", "off"}};

constexpr const char* kTakenCookie = "__Secure-sportello-request";
constexpr std::chrono::seconds kTakenLifetime{600};  // long enough to follow the redirect, short on a shared PC

bool on_step1(const Error& e) { return names_one_of(kStep1, e); }

// A step's page: its fields with what was typed, every problem (summary on top, each next to its field),
// the other step's values carried in hidden fields; step 2 shows the codice fiscale of step 1.
Response step_page(Web& web, Request& r, int step, const Fields& typed, const std::string& csrf,
                   const std::vector<Error>& problems, http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  const std::span<const FieldSpec> shown = step == 1 ? std::span<const FieldSpec>(kStep1) : std::span<const FieldSpec>(kStep2);
  const std::span<const FieldSpec> carried = step == 1 ? std::span<const FieldSpec>(kStep2) : std::span<const FieldSpec>(kStep1);
  PageData values{PageData::type::object};
  values.set("csrf", csrf);
  const Date today = rome_date(web.api.ctx.clock.now());
  values.set("fields", field_rows(t, language, shown, typed, problems, "field_",
                                  birth_place_suggestions(web.api.ctx.places, typed, problems, today)));
  values.set("carried", hidden_rows(carried, typed));
  problem_summary(values, t, language, {{shown}}, problems);
  if (step == 2) {
    auto code = CodiceFiscale::parse(value_of(typed, "codice_fiscale"), web.api.ctx.places, today);
    values.set("codice_fiscale", code ? code->code() : value_of(typed, "codice_fiscale"));
  }
  return render_page(web, r, step == 1 ? "request_step1" : "request_step2", values, status);
}

// Step 1's problems, from the flow's rules: the codice fiscale and the residence.
std::vector<Error> step1_problems(Web& web, const Fields& f) {
  std::vector<Error> problems;
  auto checked = validate_first_step(applicant_from(f), web.api.ctx.places, rome_date(web.api.ctx.clock.now()), problems);
  return checked ? std::vector<Error>{} : problems_with(problems, checked.error());
}

Response step1_form(Web& web, Request& r) {
  const std::string token = form_token(r);
  Response response = step_page(web, r, 1, {}, token, {});
  response.insert(http::beast_http::field::set_cookie, form_cookie(token));
  return response;
}

Response step1(Web& web, Request& r) {
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields)) return step1_form(web, r);
  const std::string csrf = value_of(*fields, "csrf");
  if (fields->contains("back")) return step_page(web, r, 1, *fields, csrf, {});
  if (auto problems = step1_problems(web, *fields); !problems.empty())
    return step_page(web, r, 1, *fields, csrf, problems, http::HttpStatus::unprocessable_entity);
  return step_page(web, r, 2, *fields, csrf, {});
}

// The confirmation's values, sealed: "<expiry seconds>\n<reference>\n<channel>\n<masked contact>".
std::string taken_cookie(Web& web, const RequestTaken& taken) {
  const auto expiry = (web.api.ctx.clock.now() + kTakenLifetime).time_since_epoch().count();
  const std::string sealed = web.api.ctx.box.seal(std::to_string(expiry) + "\n" + taken.reference + "\n" +
                                                  taken.first_half_channel + "\n" + taken.first_half_to);
  return std::string(kTakenCookie) + "=" + sealed + "; Path=/richiesta-presa-in-carico; Max-Age=" +
         std::to_string(kTakenLifetime.count()) + "; Secure; HttpOnly; SameSite=Lax";
}

Response step2(Web& web, Request& r) {
  const auto fields = form_fields(r);
  if (!fields || !genuine_anonymous_post(r, *fields)) return step1_form(web, r);
  const std::string csrf = value_of(*fields, "csrf");
  if (http::throttled(web.api, r))
    return step_page(web, r, 2, *fields, csrf, {Error::invalid("throttled", "", "")}, http::HttpStatus::too_many_requests);
  // Step 1's fields came back hidden: they are checked again.
  if (auto problems = step1_problems(web, *fields); !problems.empty())
    return step_page(web, r, 1, *fields, csrf, problems, http::HttpStatus::unprocessable_entity);
  if (auto limited = http::costly_throttled(web.api, r))
    return step_page(web, r, 2, *fields, csrf, {*limited}, http::HttpStatus::too_many_requests);
  std::vector<Error> problems;
  auto taken = RequestPinOnline(web.api.ctx).run(applicant_from(*fields), problems);
  http::settle_costly(web.api, r, taken ? Status(Ok{}) : Status(taken.error()));
  if (!taken) {
    problems = problems_with(problems, taken.error());
    const bool step1_at_fault = std::any_of(problems.begin(), problems.end(), on_step1);
    if (step1_at_fault) std::erase_if(problems, [](const Error& e) { return !on_step1(e); });
    return step_page(web, r, step1_at_fault ? 1 : 2, *fields, csrf, problems, form_error_status(taken.error()));
  }
  Response response = redirect(r, "/richiesta-presa-in-carico");
  response.insert(http::beast_http::field::set_cookie, taken_cookie(web, *taken));
  return response;
}

// The confirmation of the cookie, read once: {reference, sent_sms|sent_email, sent_to}; nothing when the
// cookie is absent, forged or expired (the page then shows only what happens next).
PageData taken_values(Web& web, const Request& r) {
  PageData values{PageData::type::object};
  auto opened = web.api.ctx.box.open(http::cookie_value(r.header(http::beast_http::field::cookie), kTakenCookie));
  if (!opened) return values;
  std::vector<std::string> parts;
  for (std::size_t from = 0, to; parts.size() < 4; from = to + 1) {
    to = opened->find('\n', from);
    parts.push_back(opened->substr(from, to == std::string::npos ? std::string::npos : to - from));
    if (to == std::string::npos) break;
  }
  long long expiry = 0;
  if (parts.size() != 4) return values;
  std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), expiry);
  if (web.api.ctx.clock.now().time_since_epoch().count() > expiry) return values;
  if (!parts[1].empty()) values.set("reference", parts[1]);
  if (!parts[3].empty()) values.set(parts[2] == "sms" ? "sent_sms" : "sent_email", parts[3]);
  return values;
}

Response taken(Web& web, Request& r) {
  Response response = render_page(web, r, "request_taken", taken_values(web, r));
  response.insert(http::beast_http::field::set_cookie,
                  std::string(kTakenCookie) + "=; Path=/richiesta-presa-in-carico; Max-Age=0; Secure; HttpOnly; SameSite=Lax");
  response.set(http::beast_http::field::cache_control, "no-store");
  return response;
}

}  // namespace

void add_request_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, "/richiedi-pin", unless_pin_retired(web, [&web](Request& r) { return step1_form(web, r); })});
  router.add({Verb::post, "/richiedi-pin", unless_pin_retired(web, [&web](Request& r) { return step1(web, r); })});
  router.add({Verb::post, "/richiedi-pin/dati",
              unless_pin_retired(web, [&web](Request& r) { return step2(web, r); }), true});
  router.add({Verb::get, "/richiesta-presa-in-carico", [&web](Request& r) { return taken(web, r); }});
}

}  // namespace sportello::web
