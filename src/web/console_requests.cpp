// The contact center's and the office's desk (SPEC §4.1–4.3, §4.6): a request by
// phone (/operatori/richiesta-telefonica), issuance at an office with the printable PIN sheet
// (/operatori/rilascio-in-sede) and revocation (/operatori/revoca). Each handler parses the form, calls one
// flow and renders; the 16-character PIN appears only on the sheet, answered directly (never in a URL) and
// not stored by the browser (Cache-Control: no-store). A refused desk form shows every problem at once: a
// summary on top linking to each field, each next to its field, everything typed kept.
#include <span>

#include "core/civil_time.h"
#include "core/codice_fiscale.h"
#include "flows/issue_pin_at_office.h"
#include "flows/request_pin.h"
#include "flows/revoke_pin.h"
#include "web/console_session.h"

namespace sportello::web {
namespace {

using http::Request;
using http::Response;

constexpr const char* kPhone = "/operatori/richiesta-telefonica";
constexpr const char* kOfficePath = "/operatori/rilascio-in-sede";
constexpr const char* kRevoke = "/operatori/revoca";

// The applicant's fields, with the names of the citizen's request pages (request_pages.cpp).
const FieldSpec kResidence[] = {{"codice_fiscale", "text", "off"},    {"street", "text", "off"},
                                {"number", "text", "off"},            {"cap", "text", "off"},
                                {"comune", "text", "off"},            {"province", "text", "off"}};
const FieldSpec kPersonal[] = {{"surname", "text", "off"},
                               {"name", "text", "off"},
                               {"sex", "radio", "off", nullptr, kSexChoices},
                               {"birth_date", "text", "off", "field_birth_date_help"},
                               {"birth_place", "text", "off"},
                               {"birth_province", "text", "off"},
                               {"mobile", "tel", "off"},
                               {"home_phone", "tel", "off"},
                               {"email", "email", "off"},
                               {"pec", "email", "off"}};
const FieldSpec kTessera[] = {{"tessera_number", "text", "off"},
                              {"tessera_expiry", "text", "off", "console_field_tessera_expiry_help"}};
const FieldSpec kDocument[] = {{"document_kind", "text", "off"}, {"document_number", "text", "off"}};
const FieldSpec kRevokeCode[] = {{"codice_fiscale", "text", "off"}};
const FieldSpec kRevokeIdentity[] = {{"identity_checked", "checkbox", "off"}};
const FieldSpec kRevokeReason[] = {{"reason", "text", "off"}};

constexpr Flash kPhoneFlashes[] = {{"registrata", true}};
constexpr Flash kRevokeFlashes[] = {{"revocata", true}};

// A desk form: the applicant's fields, the form's own (`extra`); every problem on a field is next to it and
// in the summary on top, one on no field is on top ("form_error": a row without an error must not find one
// in the page's values).
struct DeskForm {
  const char* page;
  std::span<const FieldSpec> extra;
  std::span<const Flash> flashes;
};

Response desk_page(Web& web, Request& r, const SignedInStaff& who, const DeskForm& form, const Fields& typed,
                   const std::vector<Error>& problems, http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  PageData values = console_values(web, r, who);
  values.set("residence", field_rows(t, language, kResidence, typed, problems));
  values.set("personal", field_rows(t, language, kPersonal, typed, problems, "field_",
                                    birth_place_suggestions(web.api.ctx.places, typed, problems,
                                                            rome_date(web.api.ctx.clock.now()))));
  values.set("extra", field_rows(t, language, form.extra, typed, problems, "console_field_"));
  const auto on_form = [&](const Error& e) {
    return names_one_of(kResidence, e) || names_one_of(kPersonal, e) || names_one_of(form.extra, e);
  };
  std::vector<Error> on_fields;
  std::string elsewhere;
  for (const Error& e : problems)
    if (on_form(e)) on_fields.push_back(e);
    else elsewhere += (elsewhere.empty() ? "" : " ") + error_text(t, language, e);
  problem_summary(values, t, language, {{kResidence}, {kPersonal}, {form.extra, "console_field_"}}, on_fields);
  if (!elsewhere.empty()) values.set("form_error", elsewhere);
  put_flash(web, r, form.flashes, values);
  return render_page(web, r, form.page, values, status);
}

const DeskForm kPhoneForm{"console_phone", kTessera, kPhoneFlashes};
const DeskForm kOfficeForm{"console_office", kDocument, {}};

// A flow's refusal: the 403 page for a role it refuses, else the form again with every problem.
Response refused(Web& web, Request& r, const SignedInStaff& who, const DeskForm& form, const Fields& typed, const Error& e,
                 const std::vector<Error>& problems) {
  if (e.kind == ErrorKind::forbidden || e.kind == ErrorKind::unavailable) return console_problem(web, r, who, e);
  return desk_page(web, r, who, form, typed, problems_with(problems, e), http::HttpStatus::unprocessable_entity);
}

Response phone_form(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) { return desk_page(web, r, who, kPhoneForm, {}, {}); });
}

Response register_phone_request(Web& web, Request& r) {
  return as_staff_posting(web, r, kPhone, [&](const SignedInStaff& who, const Fields& fields) {
    std::vector<Error> problems;
    auto done = RegisterPhoneRequest(web.api.ctx)
                    .run(who.actor, {applicant_from(fields), value_of(fields, "tessera_number"), value_of(fields, "tessera_expiry")},
                         problems);
    if (!done) return refused(web, r, who, kPhoneForm, fields, done.error(), problems);
    return redirect(r, std::string(kPhone) + "?esito=registrata");
  });
}

Response office_form(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) { return desk_page(web, r, who, kOfficeForm, {}, {}); });
}

// The sheet handed to the holder: the whole PIN, once, with who it is for and until when it must be used.
Response pin_sheet(Web& web, Request& r, const SignedInStaff& who, const Fields& fields, const OfficeIssued& issued) {
  const Language language = language_of(r);
  const Instant now = web.api.ctx.clock.now();
  auto code = CodiceFiscale::parse(value_of(fields, "codice_fiscale"), web.api.ctx.places, rome_date(now));
  PageData values = console_values(web, r, who);
  values.set("pin", std::string(issued.pin.reveal()));
  values.set("surname", value_of(fields, "surname"));
  values.set("name", value_of(fields, "name"));
  values.set("codice_fiscale", code ? code->code() : value_of(fields, "codice_fiscale"));
  values.set("first_access_before", format_date(rome_date(issued.expires_at), language));
  values.set("issued_on", format_date(rome_date(now), language));
  Response response = render_page(web, r, "console_pin_sheet", values);
  response.set(http::beast_http::field::cache_control, "no-store");
  return response;
}

Response issue_at_office(Web& web, Request& r) {
  return as_staff_posting(web, r, kOfficePath, [&](const SignedInStaff& who, const Fields& fields) {
    std::vector<Error> problems;
    auto issued = IssuePinAtOffice(web.api.ctx)
                      .run(who.actor, {applicant_from(fields), value_of(fields, "document_kind"), value_of(fields, "document_number")},
                           problems);
    if (!issued) return refused(web, r, who, kOfficeForm, fields, issued.error(), problems);
    return pin_sheet(web, r, who, fields, *issued);
  });
}

Response revoke_page(Web& web, Request& r, const SignedInStaff& who, const Fields& typed, const std::optional<Error>& error,
                     http::HttpStatus status = http::HttpStatus::ok) {
  const Language language = language_of(r);
  const Texts& t = web.pages.texts();
  PageData values = console_values(web, r, who);
  values.set("code", field_rows(t, language, kRevokeCode, typed, error));
  values.set("reason", field_rows(t, language, kRevokeReason, typed, error, "console_revoke_field_"));
  values.set("identity_checked", value_of(typed, "identity_checked") == "on");
  if (error && error->field == "identity_checked") values.set("identity_error", error_text(t, language, *error));
  if (error)
    problem_summary(values, t, language,
                    {{kRevokeCode}, {kRevokeIdentity, "console_field_"}, {kRevokeReason, "console_revoke_field_"}}, {*error});
  put_flash(web, r, kRevokeFlashes, values);
  return render_page(web, r, "console_revoke", values, status);
}

Response pin_revoke_form(Web& web, Request& r) {
  return in_section(web, r, [&](const SignedInStaff& who) { return revoke_page(web, r, who, {}, std::nullopt); });
}

Response revoke_pin(Web& web, Request& r) {
  return as_staff_posting(web, r, kRevoke, [&](const SignedInStaff& who, const Fields& fields) {
    const Status done = RevokePin(web.api.ctx)
                            .by_staff(who.actor, value_of(fields, "codice_fiscale"), value_of(fields, "identity_checked") == "on",
                                      value_of(fields, "reason"));
    if (done) return redirect(r, std::string(kRevoke) + "?esito=revocata");
    const Error& e = done.error();
    if (e.kind == ErrorKind::forbidden || e.kind == ErrorKind::unavailable) return console_problem(web, r, who, e);
    return revoke_page(web, r, who, fields, e, http::HttpStatus::unprocessable_entity);
  });
}

}  // namespace

void add_console_request_pages(http::Router& router, Web& web) {
  using http::Verb;
  router.add({Verb::get, kPhone, [&web](Request& r) { return phone_form(web, r); }});
  router.add({Verb::post, kPhone, [&web](Request& r) { return register_phone_request(web, r); }, true});
  router.add({Verb::get, kOfficePath, [&web](Request& r) { return office_form(web, r); }});
  router.add({Verb::post, kOfficePath, [&web](Request& r) { return issue_at_office(web, r); }, true});
  router.add({Verb::get, kRevoke, [&web](Request& r) { return pin_revoke_form(web, r); }});
  router.add({Verb::post, kRevoke, [&web](Request& r) { return revoke_pin(web, r); }});
}

}  // namespace sportello::web
