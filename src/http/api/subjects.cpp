// A patronato acting for a citizen under mandate (issue 11, SPEC §6): POST /patronato/subject-search
// ({codice_fiscale}: in the body, so no full codice fiscale reaches an access log), then under
// /patronato/subjects/{id}: GET (personal data and the mandate), GET /contributions, GET /applications and
// /applications/{application}, GET /application-forms/{type}, POST /applications (multipart, as the citizen's
// own). The contact centre: POST /operator/caller-applications (multipart: codice_fiscale, identity_questions
// (repeated), then the application) and POST /operator/caller-application-forms ({codice_fiscale, type}).
#include "flows/intermediaries/act_for_citizen.h"
#include "flows/intermediaries/file_for_caller.h"
#include "flows/intermediaries/organisations.h"
#include "flows/services/application_notices.h"
#include "http/api/applications_json.h"
#include "http/api/as_staff.h"
#include "http/api/form_upload.h"
#include "http/api/mandates_json.h"
#include "http/api/records_json.h"

namespace sportello::http {
namespace {

namespace json = boost::json;

json::object subject_json(const MandatedSubject& s, bool with_personal_data) {
  json::object citizen{{"id", s.citizen.id},
                       {"codice_fiscale", s.citizen.codice_fiscale},
                       {"surname", s.citizen.data.surname},
                       {"name", s.citizen.data.name}};
  if (with_personal_data) {
    const Address& a = s.citizen.data.residence;
    citizen["birth_date"] = format_date(s.citizen.data.birth_date);
    citizen["residence"] = {{"street", a.street}, {"number", a.number}, {"cap", a.cap}, {"comune", a.comune},
                            {"province", a.province}};
    citizen["contacts"] = {{"email", s.citizen.contacts.email}, {"mobile", s.citizen.contacts.mobile},
                           {"pec", s.citizen.contacts.pec}, {"home_phone", s.citizen.contacts.home_phone}};
  }
  return {{"citizen", citizen}, {"mandate", mandate_json(s.mandate, MandateState::active)}};
}

// The subject's id from the path, or the answer a citizen without a mandate gets.
template <typename Then>
Response for_subject(Api& api, Request& r, Then then) {
  return as_staff(api, r, {Role::patronato}, patronato_only(), [&](const Actor& actor) {
    const auto id = id_param(r);
    if (!id) return reply(r, subject_not_found());
    return then(actor, *id);
  });
}

Response subject_search(Api& api, Request& r) {
  return as_staff_with_body<std::string>(
      api, r, {Role::patronato}, patronato_only(), [](JsonBody& b) { return b.text("codice_fiscale"); },
      [&](const Actor& actor, const std::string& code) {
        auto found = ActForCitizen(api.ctx).search(actor, code);
        if (!found) return reply(r, found.error());
        return reply(r, HttpStatus::ok, subject_json(*found, false));
      });
}

Response personal_data(Api& api, Request& r) {
  return for_subject(api, r, [&](const Actor& actor, std::int64_t id) {
    auto found = ActForCitizen(api.ctx).personal_data(actor, id);
    if (!found) return reply(r, found.error());
    return reply(r, HttpStatus::ok, subject_json(*found, true));
  });
}

Response contributions(Api& api, Request& r) {
  return for_subject(api, r, [&](const Actor& actor, std::int64_t id) {
    auto record = ActForCitizen(api.ctx).contributions(actor, id);
    if (!record) return reply(r, record.error());
    return reply(r, HttpStatus::ok, to_json(*record));
  });
}

Response applications(Api& api, Request& r) {
  return for_subject(api, r, [&](const Actor& actor, std::int64_t id) {
    auto found = ActForCitizen(api.ctx).applications(actor, id);
    if (!found) return reply(r, found.error());
    json::array rows;
    for (const Application& a : *found) rows.push_back(summary_json(a));
    return reply(r, HttpStatus::ok, {{"applications", rows}});
  });
}

Response application(Api& api, Request& r) {
  return for_subject(api, r, [&](const Actor& actor, std::int64_t id) {
    const auto application_id = id_param(r, "application");
    if (!application_id) return reply(r, application_not_found());
    auto found = ActForCitizen(api.ctx).application(actor, id, *application_id);
    if (!found) return reply(r, found.error());
    return reply(r, HttpStatus::ok, to_json(*found));
  });
}

Response subject_form(Api& api, Request& r) {
  return for_subject(api, r, [&](const Actor& actor, std::int64_t id) {
    const auto type = parse_application_type(r.params.at("type"));
    if (!type) return reply(r, Error{ErrorKind::not_found, "application-type-unknown", "No such application type.", "type", {}});
    auto definition = ActForCitizen(api.ctx).form(actor, id, *type);
    if (!definition) return reply(r, definition.error());
    return reply(r, HttpStatus::ok, to_json(*definition));
  });
}

Response file(Api& api, Request& r) {
  return for_subject(api, r, [&](const Actor& actor, std::int64_t id) {
    auto upload = read_application_upload(r);
    if (auto* problem = std::get_if<Response>(&upload)) return std::move(*problem);
    std::vector<Error> problems;
    auto filed = ActForCitizen(api.ctx).file(actor, id, std::get<ApplicationUpload>(upload).draft, problems);
    if (!filed) return problems_reply(r, filed.error(), problems);
    return reply(r, filed->repeated ? HttpStatus::ok : HttpStatus::created, to_json(filed->application));
  });
}

Response caller_form(Api& api, Request& r) {
  struct Fields {
    std::string code, type;
  };
  return as_staff_with_body<Fields>(
      api, r, {Role::contact_center}, std::nullopt, [](JsonBody& b) { return Fields{b.text("codice_fiscale"), b.text("type")}; },
      [&](const Actor& actor, const Fields& f) {
        const auto type = parse_application_type(f.type);
        if (!type) return reply(r, Error::invalid("application-type-unknown", "Unknown application type.", "type"));
        auto definition = FileForCaller(api.ctx).form(actor, f.code, *type);
        if (!definition) return reply(r, definition.error());
        return reply(r, HttpStatus::ok, to_json(*definition));
      });
}

Response caller_file(Api& api, Request& r) {
  return as_staff(api, r, {Role::contact_center}, std::nullopt, [&](const Actor& actor) {
    auto upload = read_application_upload(r, {"codice_fiscale", "identity_questions"});
    if (auto* problem = std::get_if<Response>(&upload)) return std::move(*problem);
    auto& u = std::get<ApplicationUpload>(upload);
    CallerFiling filing{first_value(u.others, "codice_fiscale"), all_values(u.others, "identity_questions"),
                        std::move(u.draft)};
    std::vector<Error> problems;
    auto filed = FileForCaller(api.ctx).run(actor, filing, problems);
    if (!filed) return problems_reply(r, filed.error(), problems);
    return reply(r, filed->repeated ? HttpStatus::ok : HttpStatus::created, to_json(filed->application));
  });
}

}  // namespace

void add_subject_routes(Router& router, Api& api) {
  const std::string base = std::string(kApi) + "/patronato";
  const std::string subject = base + "/subjects/{id}";
  const std::uint64_t upload_limit = application_upload_limit(api.ctx.policies);
  router.add({Verb::post, base + "/subject-search", [&api](Request& r) { return subject_search(api, r); }});
  router.add({Verb::get, subject, [&api](Request& r) { return personal_data(api, r); }});
  router.add({Verb::get, subject + "/contributions", [&api](Request& r) { return contributions(api, r); }});
  router.add({Verb::get, subject + "/applications", [&api](Request& r) { return applications(api, r); }});
  router.add({Verb::get, subject + "/applications/{application}", [&api](Request& r) { return application(api, r); }});
  router.add({Verb::get, subject + "/application-forms/{type}", [&api](Request& r) { return subject_form(api, r); }});
  router.add({Verb::post, subject + "/applications", [&api](Request& r) { return file(api, r); }, true, upload_limit});
  const std::string op = std::string(kApi) + "/operator";
  router.add({Verb::post, op + "/caller-application-forms", [&api](Request& r) { return caller_form(api, r); }});
  router.add({Verb::post, op + "/caller-applications", [&api](Request& r) { return caller_file(api, r); }, true,
              upload_limit});
}

}  // namespace sportello::http
