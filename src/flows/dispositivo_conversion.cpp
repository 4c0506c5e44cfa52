#include "flows/dispositivo_conversion.h"

#include "flows/citizen_lookup.h"
#include "flows/delivery.h"

namespace sportello {
namespace {

Error request_not_found() {
  return Error{ErrorKind::not_found, "request-not-found", "No dispositivo request has that number.", "id", {}};
}

}  // namespace

Result<std::int64_t> DispositivoConversion::request(const Session& session, std::string document) {
  if (session.subject_kind != SubjectKind::citizen)
    return Error{ErrorKind::forbidden, "citizens-only", "Only citizens convert their PIN.", {}, {}};
  auto type = check_document(document, ctx_.policies.max_upload_bytes);
  if (!type) return type.error();
  const Instant now = ctx_.clock.now();
  std::int64_t id = 0;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto holder = find_holder(repos, session.subject_id);
    if (!holder) return no_such_holder();
    const Credential& c = holder->credential;
    if (c.level == Level::dispositivo)
      return Error{ErrorKind::conflict, "already-dispositivo", "The PIN is already at level dispositivo.", {}, {}};
    if (c.state != CredentialState::active)
      return Error::illegal("illegal-transition", "Set your personal PIN before asking for level dispositivo.");
    if (repos.dispositivo_requests().find_pending_for(holder->citizen.id))
      return Error{ErrorKind::conflict, "request-pending", "A request is already waiting for review.", {}, {}};
    DispositivoRequest request{0, holder->citizen.id, ReviewState::pending, *type, std::move(document), now, {}, {}, {}};
    id = repos.dispositivo_requests().insert(request);
    repos.audit().append(holder->subject(), "dispositivo.requested", holder->subject(), to_string(*type), now);
    return Ok{};
  });
  if (!status) return status.error();
  return id;
}

Status DispositivoConversion::decide(const Actor& actor, std::int64_t request_id, bool approve, const std::string& reason) {
  if (auto allowed = actor.require({Role::back_office}); !allowed) return allowed;
  const Instant now = ctx_.clock.now();
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto request = repos.dispositivo_requests().find(request_id);
    if (!request) return request_not_found();
    auto decided = approve ? request->approve(actor.id, now) : request->reject(actor.id, reason, now);
    if (!decided) return decided;
    auto holder = find_holder(repos, request->citizen_id);
    if (!holder) return no_such_holder();
    // Already dispositivo (converted at an office meanwhile): the approval stands and changes nothing.
    if (approve && holder->credential.level != Level::dispositivo) {
      if (auto raised = holder->credential.convert_to_dispositivo(); !raised) return raised;
      repos.credentials().update(holder->credential);
    }
    repos.dispositivo_requests().update(*request);
    const std::string outcome = approve ? "approved" : "rejected";
    queue_message(repos, ctx_.box,
                  {"dispositivo:" + std::to_string(request_id) + ":" + outcome, notice_route(holder->citizen),
                   "dispositivo_" + outcome, {{"name", holder->citizen.data.name}, {"reason", reason}}, ""},
                  now);
    repos.audit().append(actor.id, "dispositivo." + outcome, holder->subject(), reason, now);
    return Ok{};
  });
}

Status DispositivoConversion::approve(const Actor& actor, std::int64_t request_id) {
  return decide(actor, request_id, true, "");
}

Status DispositivoConversion::reject(const Actor& actor, std::int64_t request_id, const std::string& reason) {
  return decide(actor, request_id, false, reason);
}

Status DispositivoConversion::convert_at_office(const Actor& actor, const std::string& typed_code) {
  if (auto allowed = actor.require({Role::office}); !allowed) return allowed;
  const Instant now = ctx_.clock.now();
  return change_holder(ctx_, typed_code, now, [&](Repositories& repos, Holder& holder) -> Status {
    if (auto raised = holder.credential.convert_to_dispositivo(); !raised) return raised;
    repos.credentials().update(holder.credential);
    repos.audit().append(actor.id, "dispositivo.converted-at-office", holder.subject(), "form MV35", now);
    return Ok{};
  });
}

Result<std::vector<DispositivoRequest>> DispositivoConversion::pending(const Actor& actor, int limit) {
  if (auto allowed = actor.require({Role::back_office}); !allowed) return allowed.error();
  std::vector<DispositivoRequest> found;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    found = repos.dispositivo_requests().list_pending(limit);
    return Ok{};
  });
  if (!status) return status.error();
  return found;
}

Result<DispositivoReview> DispositivoConversion::review(const Actor& actor, std::int64_t request_id) {
  if (auto allowed = actor.require({Role::back_office}); !allowed) return allowed.error();
  std::optional<DispositivoReview> found;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto request = repos.dispositivo_requests().find(request_id);
    if (!request) return request_not_found();
    auto holder = find_holder(repos, request->citizen_id);
    if (!holder) return no_such_holder();
    repos.audit().append(actor.id, "dispositivo.document-viewed", holder->subject(), std::to_string(request_id),
                         ctx_.clock.now());
    found = DispositivoReview{std::move(*request), holder->citizen.codice_fiscale, holder->citizen.data};
    return Ok{};
  });
  if (!status) return status.error();
  return std::move(*found);
}

Result<DispositivoRequest> DispositivoConversion::get(const Actor& actor, std::int64_t request_id) {
  if (auto allowed = actor.require({Role::back_office}); !allowed) return allowed.error();
  std::optional<DispositivoRequest> found;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    found = repos.dispositivo_requests().find(request_id);
    return Ok{};
  });
  if (!status) return status.error();
  if (!found) return request_not_found();
  return *found;
}

}  // namespace sportello
