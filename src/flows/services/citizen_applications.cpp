#include "flows/services/citizen_applications.h"

#include "audit/audit_entry.h"
#include "flows/actor.h"
#include "flows/services/application_notices.h"

namespace sportello {

Result<std::vector<Application>> CitizenApplications::search(const Session& session, std::optional<ApplicationType> type,
                                                             std::optional<ApplicationState> state, std::optional<int> year) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  ApplicationQuery query;
  query.citizen_id = session.subject_id;
  query.type = type;
  if (state) query.states = {*state};
  query.year = year;
  std::vector<Application> found;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    found = repos.applications().search(query);
    return Ok{};
  });
  if (!read) return read.error();
  return found;
}

Result<Application> CitizenApplications::get(const Session& session, std::int64_t id) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  std::optional<Application> found;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    found = repos.applications().find_for_citizen(session.subject_id, id);
    return Ok{};
  });
  if (!read) return read.error();
  if (!found) return application_not_found();
  return std::move(*found);
}

Result<AttachmentFile> CitizenApplications::attachment(const Session& session, std::int64_t application_id,
                                                       std::int64_t attachment_id) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  std::optional<AttachmentFile> file;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    if (const auto application = repos.applications().find_for_citizen(session.subject_id, application_id)) file = read_attachment(repos.applications(), *application, attachment_id);
    return Ok{};
  });
  if (!read) return read.error();
  if (!file) return application_not_found();
  return std::move(*file);
}

Status CitizenApplications::withdraw(const Session& session, std::int64_t id) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  const Instant now = ctx_.clock.now();
  const std::string actor = citizen_ref(session.subject_id);
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto application = repos.applications().find_for_citizen(session.subject_id, id);
    if (!application) return application_not_found();
    if (auto moved = application->withdraw(actor, now); !moved) return moved.error();
    repos.applications().update(*application);
    repos.audit().append(actor, "application.withdrawn", actor, application->protocol, now);
    if (auto citizen = repos.citizens().find(session.subject_id))
      queue_application_notice(repos, ctx_.box, *citizen, *application, now);
    return Ok{};
  });
}

}  // namespace sportello
