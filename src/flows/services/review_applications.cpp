#include "flows/services/review_applications.h"

#include "audit/audit_entry.h"
#include "flows/services/application_notices.h"

namespace sportello {

Status may_review(const Actor& actor) { return actor.require({Role::back_office, Role::admin}); }

Result<std::vector<QueuedApplication>> ReviewApplications::queue(const Actor& actor, std::optional<ApplicationType> type,
                                                                 int limit) {
  if (auto allowed = may_review(actor); !allowed) return allowed.error();
  ApplicationQuery query;
  query.type = type;
  query.states = {ApplicationState::inviata, ApplicationState::in_istruttoria};
  query.oldest_first = true;
  query.limit = limit;
  std::vector<QueuedApplication> queued;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    for (Application& a : repos.applications().search(query)) {
      QueuedApplication q{std::move(a), {}, {}, {}};
      if (auto citizen = repos.citizens().find(q.application.citizen_id)) {
        q.codice_fiscale = citizen->codice_fiscale;
        q.surname = citizen->data.surname;
        q.name = citizen->data.name;
      }
      queued.push_back(std::move(q));
    }
    return Ok{};
  });
  if (!read) return read.error();
  return queued;
}

Result<ApplicationReview> ReviewApplications::open(const Actor& actor, std::int64_t id) {
  if (auto allowed = may_review(actor); !allowed) return allowed.error();
  std::optional<ApplicationReview> review;
  const Instant now = ctx_.clock.now();
  // A write: the viewing is audited, so the citizen sees who consulted their application.
  auto done = ctx_.store.run([&](Repositories& repos) -> Status {
    auto application = repos.applications().find(id);
    if (!application) return application_not_found();
    auto citizen = repos.citizens().find(application->citizen_id);
    if (!citizen) return application_not_found();
    repos.audit().append(actor.id, "application.viewed", citizen_ref(citizen->id), application->protocol, now);
    review = ApplicationReview{std::move(*application), std::move(*citizen)};
    return Ok{};
  });
  if (!done) return done.error();
  return std::move(*review);
}

Result<AttachmentFile> ReviewApplications::attachment(const Actor& actor, std::int64_t application_id,
                                                      std::int64_t attachment_id) {
  if (auto allowed = may_review(actor); !allowed) return allowed.error();
  std::optional<AttachmentFile> file;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    if (const auto application = repos.applications().find(application_id)) file = read_attachment(repos.applications(), *application, attachment_id);
    return Ok{};
  });
  if (!read) return read.error();
  if (!file) return application_not_found();
  return std::move(*file);
}

Status ReviewApplications::take_in_charge(const Actor& actor, std::int64_t id) {
  if (auto allowed = may_review(actor); !allowed) return allowed.error();
  const Instant now = ctx_.clock.now();
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto application = repos.applications().find(id);
    if (!application) return application_not_found();
    if (auto moved = application->take_in_charge(actor.id, now); !moved) return moved.error();
    repos.applications().update(*application);
    repos.audit().append(actor.id, "application.in_review", citizen_ref(application->citizen_id), application->protocol, now);
    if (auto citizen = repos.citizens().find(application->citizen_id))
      queue_application_notice(repos, ctx_.box, *citizen, *application, now);
    return Ok{};
  });
}

Status ReviewApplications::decide(const Actor& actor, std::int64_t id, bool accepted, const std::string& reason) {
  if (auto allowed = may_review(actor); !allowed) return allowed.error();
  const Instant now = ctx_.clock.now();
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto application = repos.applications().find(id);
    if (!application) return application_not_found();
    if (auto moved = application->decide(accepted, actor.id, reason, now); !moved) return moved.error();
    repos.applications().update(*application);
    repos.audit().append(actor.id, accepted ? "application.accepted" : "application.rejected",
                         citizen_ref(application->citizen_id), application->protocol + (reason.empty() ? "" : ": " + reason), now);
    if (auto citizen = repos.citizens().find(application->citizen_id))
      queue_application_notice(repos, ctx_.box, *citizen, *application, now);
    return Ok{};
  });
}

}  // namespace sportello
