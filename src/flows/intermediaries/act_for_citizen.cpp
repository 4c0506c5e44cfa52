#include "flows/intermediaries/act_for_citizen.h"

#include "core/codice_fiscale.h"
#include "flows/intermediaries/organisations.h"
#include "flows/services/application_notices.h"

namespace sportello {
namespace {

Error outside_scope() {
  return Error{ErrorKind::forbidden, "outside-mandate-scope", "The citizen's mandate does not cover this.", {}, {}};
}

std::string under(const MandatedSubject& s) {
  return "mandate " + std::to_string(s.mandate.id) + "; organisation:" + s.organisation.code;
}

// The operator's organisation and its active mandate from the citizen, read in the caller's transaction.
Result<MandatedSubject> mandated(Repositories& repos, const Actor& actor, std::int64_t citizen_id, Instant now) {
  auto organisation = operator_organisation(repos, actor);
  if (!organisation) return organisation.error();
  auto mandate = repos.mandates().active(citizen_id, organisation->id);
  if (!mandate || !mandate->active_at(now)) return subject_not_found();
  auto citizen = repos.citizens().find(citizen_id);
  if (!citizen) return subject_not_found();
  return MandatedSubject{std::move(*citizen), std::move(*mandate), std::move(*organisation)};
}

}  // namespace

Error subject_not_found() {
  return Error{ErrorKind::not_found, "subject-not-found",
               "No citizen with this codice fiscale has given your patronato a mandate.", "codice_fiscale", {}};
}

Result<MandatedSubject> ActForCitizen::search(const Actor& actor, std::string_view codice_fiscale) {
  const Instant now = ctx_.clock.now();
  const auto cf = CodiceFiscale::parse(codice_fiscale, ctx_.places, rome_date(now));
  if (!cf) return cf.error();
  std::optional<MandatedSubject> found;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto organisation = operator_organisation(repos, actor);
    if (!organisation) return organisation.error();
    // One statement finds the mandate through the code, so a code nobody holds and a citizen without a
    // mandate cost the same query, the same empty answer and one audit row; only a subject under mandate
    // has the citizen's row read.
    auto mandate = repos.mandates().active_by_codice_fiscale(cf->code(), organisation->id);
    auto citizen = mandate && mandate->active_at(now) ? repos.citizens().find(mandate->citizen_id) : std::nullopt;
    if (citizen) {
      found = MandatedSubject{std::move(*citizen), std::move(*mandate), std::move(*organisation)};
      repos.audit().append(actor.id, "subject.searched", Actor::citizen(found->citizen.id).id, under(*found), now);
    } else {
      repos.audit().append(actor.id, "subject.search-refused", "organisation:" + organisation->code,
                           "no subject under mandate", now);
    }
    return Ok{};
  });
  if (!status) return status.error();
  if (!found) return subject_not_found();
  return std::move(*found);
}

Result<MandatedSubject> ActForCitizen::personal_data(const Actor& actor, std::int64_t citizen_id) {
  std::optional<MandatedSubject> found;
  auto status = audited_read(actor, citizen_id, "subject.personal-data-read",
                             [&](Repositories&, const MandatedSubject& subject, std::string&) -> Status {
                               found = subject;
                               return Ok{};
                             });
  if (!status) return status.error();
  return std::move(*found);
}

Result<ContributionRecord> ActForCitizen::contributions(const Actor& actor, std::int64_t citizen_id) {
  std::vector<ContributionPeriod> periods;
  auto status = audited_read(actor, citizen_id, "subject.record-read",
                             [&](Repositories& repos, const MandatedSubject& subject, std::string&) -> Status {
                               if (!subject.mandate.scope.covers_records()) return outside_scope();
                               periods = repos.contributions().for_citizen(citizen_id);
                               return Ok{};
                             });
  if (!status) return status.error();
  return summarize(std::move(periods));
}

Result<std::vector<Application>> ActForCitizen::applications(const Actor& actor, std::int64_t citizen_id) {
  std::vector<Application> covered;
  auto status = audited_read(actor, citizen_id, "subject.applications-read",
                             [&](Repositories& repos, const MandatedSubject& subject, std::string&) -> Status {
                               ApplicationQuery query;
                               query.citizen_id = citizen_id;
                               for (Application& a : repos.applications().search(query))
                                 if (subject.mandate.scope.covers(a.type)) covered.push_back(std::move(a));
                               return Ok{};
                             });
  if (!status) return status.error();
  return covered;
}

Result<Application> ActForCitizen::application(const Actor& actor, std::int64_t citizen_id, std::int64_t id) {
  std::optional<Application> found;
  auto status = audited_read(actor, citizen_id, "subject.application-read",
                             [&](Repositories& repos, const MandatedSubject& subject, std::string& detail) -> Status {
                               found = repos.applications().find_for_citizen(citizen_id, id);
                               if (!found || !subject.mandate.scope.covers(found->type)) return application_not_found();
                               detail = found->protocol + "; ";
                               return Ok{};
                             });
  if (!status) return status.error();
  return std::move(*found);
}

Status ActForCitizen::audited_read(const Actor& actor, std::int64_t citizen_id, const char* action, const Read& read) {
  const Instant now = ctx_.clock.now();
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto subject = mandated(repos, actor, citizen_id, now);
    if (!subject) return subject.error();
    std::string detail;
    if (auto done = read(repos, *subject, detail); !done) return done;
    repos.audit().append(actor.id, action, Actor::citizen(citizen_id).id, detail + under(*subject), now);
    return Ok{};
  });
}

Result<ApplicationForm> ActForCitizen::form(const Actor& actor, std::int64_t citizen_id, ApplicationType type) {
  const Instant now = ctx_.clock.now();
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    auto subject = mandated(repos, actor, citizen_id, now);
    if (!subject) return subject.error();
    if (!subject->mandate.scope.covers(type)) return outside_scope();
    return Ok{};
  });
  if (!status) return status.error();
  return FileApplication(ctx_).form_for_citizen(citizen_id, type);
}

Result<FiledApplication> ActForCitizen::file(const Actor& actor, std::int64_t citizen_id, const ApplicationDraft& draft,
                                             std::vector<Error>& problems) {
  problems.clear();
  const Instant now = ctx_.clock.now();
  std::optional<MandatedSubject> subject;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    auto found = mandated(repos, actor, citizen_id, now);
    if (!found) return found.error();
    if (!found->mandate.scope.covers(draft.type)) return outside_scope();
    subject = std::move(*found);
    return Ok{};
  });
  if (!status) return status.error();
  OnBehalf filer{actor.id, "patronato " + subject->organisation.name, under(*subject),
                 [&](Repositories& repos) -> Status {
                   // The mandate may have been revoked or the organisation disabled since the check above.
                   auto again = mandated(repos, actor, citizen_id, ctx_.clock.now());
                   if (!again) return again.error();
                   return again->mandate.scope.covers(draft.type) ? Status{Ok{}} : Status{outside_scope()};
                 }};
  return FileApplication(ctx_).run_on_behalf(citizen_id, draft, filer, problems);
}

}  // namespace sportello
