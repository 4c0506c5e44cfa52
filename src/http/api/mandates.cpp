// Mandates to patronati (issue 11, SPEC §6). Citizens: GET /me/patronati (the patronati they may choose), GET and
// POST /me/mandates ({organisation, scope: "all" | [types], ends_on}), POST /me/mandates/{id}/revocation, GET
// /me/mandates/{id}/signed-form.pdf. Patronato operators: GET and POST /patronato/mandates (multipart/form-data:
// codice_fiscale, surname, birth_date, scope (repeated), ends_on, the signed PDF in `signed_form`), POST
// /patronato/mandates/{id}/revocation, GET /patronato/mandates/{id}/signed-form.pdf.
#include "core/typed_date.h"
#include "flows/intermediaries/mandates.h"
#include "flows/intermediaries/organisations.h"
#include "http/api/as_staff.h"
#include "http/api/form_upload.h"
#include "http/api/mandates_json.h"
#include "http/file_response.h"

namespace sportello::http {
namespace {

namespace json = boost::json;

Response no_such_mandate(const Request& r) { return reply(r, mandate_not_found()); }

// A last day as typed (YYYY-MM-DD or DD/MM/YYYY); an invalid_input error on `ends_on` otherwise.
Result<Date> last_day(const std::string& text) {
  const auto date = parse_typed_date(text);
  if (!date) return Error::invalid("invalid-date", "Write the last day as dd/mm/yyyy.", "ends_on");
  return *date;
}

Response patronati(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  auto found = Mandates(api.ctx).patronati(caller->session);
  if (!found) return reply(r, found.error());
  json::array rows;
  for (const Organisation& o : *found) rows.push_back(to_json(o));
  return reply(r, HttpStatus::ok, {{"patronati", rows}});
}

Response citizen_list(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  auto found = Mandates(api.ctx).of_citizen(caller->session);
  if (!found) return reply(r, found.error());
  json::array rows;
  for (const CitizenMandate& m : *found) rows.push_back(to_json(m));
  return reply(r, HttpStatus::ok, {{"mandates", rows}});
}

Response grant(Api& api, Request& r) {
  auto caller = authenticate_citizen(api, r);
  if (!caller) return reply(r, caller.error());
  Response problem;
  auto body = JsonBody::parse(r, problem);
  if (!body) return problem;
  const std::string organisation = body->text("organisation"), ends_on = body->text("ends_on");
  const std::vector<std::string> scope_names = body->texts("scope");
  if (body->type_problem()) return *body->type_problem();
  auto scope = scope_from_names(scope_names);
  if (!scope) return reply(r, scope.error());
  auto day = last_day(ends_on);
  if (!day) return reply(r, day.error());
  auto granted = Mandates(api.ctx).grant(caller->session, {organisation, *scope, *day});
  if (!granted) return reply(r, granted.error());
  return reply(r, HttpStatus::created, mandate_json(*granted, MandateState::active));
}

Response citizen_revoke(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  const auto id = id_param(r);
  if (!id) return no_such_mandate(r);
  return done_or(r, Mandates(api.ctx).revoke(caller->session, *id), "revoked");
}

Response citizen_form(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  const auto id = id_param(r);
  if (!id) return no_such_mandate(r);
  auto bytes = Mandates(api.ctx).document(caller->session, *id);
  if (!bytes) return reply(r, bytes.error());
  return uploaded_file(r, "application/pdf", "mandato-" + std::to_string(*id) + ".pdf", std::move(*bytes));
}

Response organisation_list(Api& api, Request& r) {
  return as_staff(api, r, [&](const Actor& actor) {
    auto found = Mandates(api.ctx).of_organisation(actor);
    if (!found) return reply(r, found.error());
    json::array rows;
    for (const OrganisationMandate& m : *found) rows.push_back(to_json(m));
    return reply(r, HttpStatus::ok, {{"mandates", rows}});
  });
}

Response record(Api& api, Request& r) {
  return as_staff(api, r, {Role::patronato}, patronato_only(), [&](const Actor& actor) {
    auto parts = read_form_upload(r, "the signed mandate");
    if (auto* problem = std::get_if<Response>(&parts)) return std::move(*problem);
    RecordMandateInput input;
    std::vector<std::string> scope_names;
    std::string birth_date, ends_on;
    for (FormPart& p : std::get<std::vector<FormPart>>(parts)) {
      if (p.name == "codice_fiscale") input.codice_fiscale = std::move(p.data);
      else if (p.name == "surname") input.surname = std::move(p.data);
      else if (p.name == "birth_date") birth_date = std::move(p.data);
      else if (p.name == "scope") scope_names.push_back(std::move(p.data));
      else if (p.name == "ends_on") ends_on = std::move(p.data);
      else if (p.name == "signed_form") input.document = std::move(p.data);
    }
    const auto born = parse_typed_date(birth_date);
    if (!born) return reply(r, Error::invalid("invalid-date", "Write the date of birth as dd/mm/yyyy.", "birth_date"));
    input.birth_date = *born;
    auto scope = scope_from_names(scope_names);
    if (!scope) return reply(r, scope.error());
    input.scope = std::move(*scope);
    auto day = last_day(ends_on);
    if (!day) return reply(r, day.error());
    input.ends_on = *day;
    auto recorded = Mandates(api.ctx).record(actor, input);
    if (!recorded) return reply(r, recorded.error());
    return reply(r, HttpStatus::created, mandate_json(*recorded, MandateState::active));
  });
}

Response organisation_revoke(Api& api, Request& r) {
  return as_staff(api, r, [&](const Actor& actor) {
    const auto id = id_param(r);
    if (!id) return no_such_mandate(r);
    return done_or(r, Mandates(api.ctx).revoke_recorded(actor, *id), "revoked");
  });
}

Response organisation_form(Api& api, Request& r) {
  return as_staff(api, r, [&](const Actor& actor) {
    const auto id = id_param(r);
    if (!id) return no_such_mandate(r);
    auto bytes = Mandates(api.ctx).document(actor, *id);
    if (!bytes) return reply(r, bytes.error());
    return uploaded_file(r, "application/pdf", "mandato-" + std::to_string(*id) + ".pdf", std::move(*bytes));
  });
}

}  // namespace

void add_mandate_routes(Router& router, Api& api) {
  const std::string me = std::string(kApi) + "/me";
  const std::string patronato = std::string(kApi) + "/patronato/mandates";
  router.add({Verb::get, me + "/patronati", [&api](Request& r) { return patronati(api, r); }});
  router.add({Verb::get, me + "/mandates", [&api](Request& r) { return citizen_list(api, r); }});
  router.add({Verb::post, me + "/mandates", [&api](Request& r) { return grant(api, r); }});
  router.add({Verb::post, me + "/mandates/{id}/revocation", [&api](Request& r) { return citizen_revoke(api, r); }});
  router.add({Verb::get, me + "/mandates/{id}/signed-form.pdf", [&api](Request& r) { return citizen_form(api, r); }});
  router.add({Verb::get, patronato, [&api](Request& r) { return organisation_list(api, r); }});
  router.add({Verb::post, patronato, [&api](Request& r) { return record(api, r); }, false, kUploadBodyLimit});
  router.add({Verb::post, patronato + "/{id}/revocation", [&api](Request& r) { return organisation_revoke(api, r); }});
  router.add({Verb::get, patronato + "/{id}/signed-form.pdf", [&api](Request& r) { return organisation_form(api, r); }});
}

}  // namespace sportello::http
