// Applications (issue 10, SPEC §5). Citizens: GET /me/application-forms/{type}, GET and POST /me/applications
// (multipart/form-data: `type`, `idempotency_key` or the Idempotency-Key header, the form's fields, files in
// `attachments`), GET /me/applications/{id}, its /receipt.pdf and /attachments/{attachment}, POST
// /me/applications/{id}/withdrawal. Back office: GET /operator/applications[?type=], GET
// /operator/applications/{id} and its attachments, POST .../take-in-charge and .../decision.
#include <charconv>

#include "documents/application_receipt.h"
#include "flows/profile.h"
#include "flows/services/citizen_applications.h"
#include "flows/services/file_application.h"
#include "flows/services/review_applications.h"
#include "http/api/api.h"
#include "http/api/applications_json.h"
#include "http/api/auth.h"
#include "http/api/form_upload.h"
#include "http/api/respond.h"
#include "http/file_response.h"
#include "http/json_body.h"
#include "http/multipart.h"

namespace sportello::http {
namespace {

namespace json = boost::json;

Response not_found(const Request& r) {
  return reply(r, Error{ErrorKind::not_found, "application-not-found", "There is no such application.", "id", {}});
}

// The back office's caller: the actor of a staff session, or why there is none.
Result<Actor> staff_caller(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return caller.error();
  return staff_actor(api.ctx, caller->session);
}

std::optional<std::string> query_value(const Request& r, const char* name) {
  const auto found = r.query.find(name);
  if (found == r.query.end() || found->second.empty()) return std::nullopt;
  return found->second;
}

Response form(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  const auto type = parse_application_type(r.params.at("type"));
  if (!type) return reply(r, Error{ErrorKind::not_found, "application-type-unknown", "No such application type.", "type", {}});
  auto definition = FileApplication(api.ctx).form(caller->session, *type);
  if (!definition) return reply(r, definition.error());
  return reply(r, HttpStatus::ok, to_json(*definition));
}

Response search(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  std::optional<ApplicationType> type;
  std::optional<ApplicationState> state;
  std::optional<int> year;
  if (auto t = query_value(r, "type"); t && !(type = parse_application_type(*t)))
    return reply(r, Error::invalid("invalid-filter", "Unknown application type.", "type"));
  if (auto s = query_value(r, "state"); s && !(state = parse_application_state(*s)))
    return reply(r, Error::invalid("invalid-filter", "Unknown state.", "state"));
  if (auto y = query_value(r, "year")) {
    int n = 0;
    if (std::from_chars(y->data(), y->data() + y->size(), n).ptr != y->data() + y->size() || n < 1900 || n > 9999)
      return reply(r, Error::invalid("invalid-filter", "The year is four digits.", "year"));
    year = n;
  }
  auto found = CitizenApplications(api.ctx).search(caller->session, type, state, year);
  if (!found) return reply(r, found.error());
  json::array rows;
  for (const Application& a : *found) rows.push_back(summary_json(a));
  return reply(r, HttpStatus::ok, {{"applications", rows}});
}

Response submit(Api& api, Request& r) {
  auto caller = authenticate_citizen(api, r);
  if (!caller) return reply(r, caller.error());
  auto upload = read_application_upload(r);
  if (auto* problem = std::get_if<Response>(&upload)) return std::move(*problem);
  const ApplicationDraft& draft = std::get<ApplicationUpload>(upload).draft;
  std::vector<Error> problems;
  auto filed = FileApplication(api.ctx).run(caller->session, draft, problems);
  if (!filed) return problem_response(filed.error(), problems, r.raw.version());
  return reply(r, filed->repeated ? HttpStatus::ok : HttpStatus::created, to_json(filed->application));
}

Response one(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  const auto id = id_param(r);
  if (!id) return not_found(r);
  auto found = CitizenApplications(api.ctx).get(caller->session, *id);
  if (!found) return reply(r, found.error());
  return reply(r, HttpStatus::ok, to_json(*found));
}

Response receipt(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  const auto id = id_param(r);
  if (!id) return not_found(r);
  auto found = CitizenApplications(api.ctx).get(caller->session, *id);
  if (!found) return reply(r, found.error());
  auto profile = Profile(api.ctx).citizen(caller->session);
  if (!profile) return reply(r, profile.error());
  return download(r, "application/pdf", "ricevuta-" + found->protocol + ".pdf",
              render_application_receipt(*found, profile->citizen));
}

Response attachment(Api& api, Request& r, bool staff) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  const auto id = id_param(r);
  const auto attachment_id = id_param(r, "attachment");
  if (!id || !attachment_id) return not_found(r);
  Result<AttachmentFile> found = Error{};
  if (staff) {
    auto actor = staff_actor(api.ctx, caller->session);
    if (!actor) return reply(r, actor.error());
    found = ReviewApplications(api.ctx).attachment(*actor, *id, *attachment_id);
  } else {
    found = CitizenApplications(api.ctx).attachment(caller->session, *id, *attachment_id);
  }
  if (!found) return reply(r, found.error());
  return uploaded_file(r, found->info.media_type, found->info.name, std::move(found->bytes));
}

Response withdraw(Api& api, Request& r) {
  auto caller = authenticate(api, r);
  if (!caller) return reply(r, caller.error());
  const auto id = id_param(r);
  if (!id) return not_found(r);
  if (auto done = CitizenApplications(api.ctx).withdraw(caller->session, *id); !done) return reply(r, done.error());
  return reply(r, HttpStatus::ok, to_json(*CitizenApplications(api.ctx).get(caller->session, *id)));
}

// --- the back office

Response queue(Api& api, Request& r) {
  auto actor = staff_caller(api, r);
  if (!actor) return reply(r, actor.error());
  std::optional<ApplicationType> type;
  if (auto t = query_value(r, "type"); t && !(type = parse_application_type(*t)))
    return reply(r, Error::invalid("invalid-filter", "Unknown application type.", "type"));
  auto queued = ReviewApplications(api.ctx).queue(*actor, type);
  if (!queued) return reply(r, queued.error());
  const Instant now = api.ctx.clock.now();
  json::array rows;
  for (const QueuedApplication& q : *queued) {
    json::object row = summary_json(q.application);
    row["codice_fiscale"] = q.codice_fiscale;
    row["surname"] = q.surname;
    row["name"] = q.name;
    row["age_seconds"] = (now - q.application.submitted_at).count();
    rows.push_back(row);
  }
  return reply(r, HttpStatus::ok, {{"applications", rows}});
}

Response review(Api& api, Request& r) {
  auto actor = staff_caller(api, r);
  if (!actor) return reply(r, actor.error());
  const auto id = id_param(r);
  if (!id) return not_found(r);
  auto opened = ReviewApplications(api.ctx).open(*actor, *id);
  if (!opened) return reply(r, opened.error());
  json::object out = to_json(opened->application);
  out["holder"] = {{"codice_fiscale", opened->holder.codice_fiscale}, {"surname", opened->holder.data.surname},
                   {"name", opened->holder.data.name}};
  return reply(r, HttpStatus::ok, out);
}

Response take(Api& api, Request& r) {
  auto actor = staff_caller(api, r);
  if (!actor) return reply(r, actor.error());
  const auto id = id_param(r);
  if (!id) return not_found(r);
  if (auto done = ReviewApplications(api.ctx).take_in_charge(*actor, *id); !done) return reply(r, done.error());
  return no_content(r);
}

Response decide(Api& api, Request& r) {
  auto actor = staff_caller(api, r);
  if (!actor) return reply(r, actor.error());
  // Refused before the body is read, so another role is told so whatever it sent (the flow checks again).
  if (auto allowed = may_review(*actor); !allowed) return reply(r, allowed.error());
  const auto id = id_param(r);
  if (!id) return not_found(r);
  Response problem;
  auto body = JsonBody::parse(r, problem);
  if (!body) return problem;
  const std::string decision = body->text("decision"), why = body->text("reason");
  if (body->type_problem()) return *body->type_problem();
  if (decision != "accolta" && decision != "respinta")
    return reply(r, Error::invalid("invalid-decision", "The decision is \"accolta\" or \"respinta\".", "decision"));
  if (auto done = ReviewApplications(api.ctx).decide(*actor, *id, decision == "accolta", why); !done)
    return reply(r, done.error());
  return no_content(r);
}

}  // namespace

void add_application_routes(Router& router, Api& api) {
  const std::string me = std::string(kApi) + "/me";
  const std::string op = std::string(kApi) + "/operator/applications";
  const std::uint64_t upload_limit = application_upload_limit(api.ctx.policies);
  router.add({Verb::get, me + "/application-forms/{type}", [&api](Request& r) { return form(api, r); }});
  router.add({Verb::get, me + "/applications", [&api](Request& r) { return search(api, r); }});
  router.add({Verb::post, me + "/applications", [&api](Request& r) { return submit(api, r); }, true, upload_limit});
  router.add({Verb::get, me + "/applications/{id}", [&api](Request& r) { return one(api, r); }});
  router.add({Verb::get, me + "/applications/{id}/receipt.pdf", [&api](Request& r) { return receipt(api, r); }, true});
  router.add({Verb::get, me + "/applications/{id}/attachments/{attachment}",
              [&api](Request& r) { return attachment(api, r, false); }});
  router.add({Verb::post, me + "/applications/{id}/withdrawal", [&api](Request& r) { return withdraw(api, r); }});
  router.add({Verb::get, op, [&api](Request& r) { return queue(api, r); }});
  router.add({Verb::get, op + "/{id}", [&api](Request& r) { return review(api, r); }});
  router.add({Verb::get, op + "/{id}/attachments/{attachment}", [&api](Request& r) { return attachment(api, r, true); }});
  router.add({Verb::post, op + "/{id}/take-in-charge", [&api](Request& r) { return take(api, r); }});
  router.add({Verb::post, op + "/{id}/decision", [&api](Request& r) { return decide(api, r); }});
}

}  // namespace sportello::http
