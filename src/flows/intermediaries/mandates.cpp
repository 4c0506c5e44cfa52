#include "flows/intermediaries/mandates.h"

#include <algorithm>

#include "core/codice_fiscale.h"
#include "core/digest.h"
#include "core/latin_fold.h"
#include "core/media_type.h"
#include "flows/delivery.h"
#include "flows/intermediaries/organisations.h"

namespace sportello {
namespace {

Error already_active() {
  return Error{ErrorKind::conflict, "mandate-already-active",
               "There is already an active mandate to this patronato: revoke it first to give a new one.",
               "organisation", {}};
}

// What the audit row says of a mandate: which, to whom, what and until when.
std::string mandate_detail(const Mandate& mandate, const Organisation& organisation) {
  return "mandate " + std::to_string(mandate.id) + "; organisation:" + organisation.code + "; scope " +
         mandate.scope.to_text() + "; until " + format_date(mandate.ends_on);
}

// Surnames as an operator copies them from a form: only their letters count ("D'Angelo" = "DANGELO", "Rossì" = "ROSSI").
bool same_surname(std::string_view stored, std::string_view typed) {
  const auto letters = [](std::string_view text) {
    std::string kept;
    for (const char c : fold_latin_upper(text))
      if (c >= 'A' && c <= 'Z') kept += c;
    return kept;
  };
  const std::string a = letters(stored);
  return !a.empty() && a == letters(typed);
}

Status check_document(const std::string& bytes) {
  if (bytes.empty())
    return Error::invalid("mandate-document-missing", "Attach the mandate signed by the citizen.", "signed_form");
  if (bytes.size() > kMaxMandateDocumentBytes)
    return Error::invalid("mandate-document-too-large", "The signed mandate must be at most 1 MB.", "signed_form");
  if (sniff_media_type(bytes) != "application/pdf")
    return Error::invalid("mandate-document-not-pdf", "The signed mandate must be a PDF file.", "signed_form");
  return Ok{};
}

}  // namespace

Error mandate_not_found() {
  return Error{ErrorKind::not_found, "mandate-not-found", "There is no such mandate.", "id", {}};
}

Result<std::vector<Organisation>> Mandates::patronati(const Session& session) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  std::vector<Organisation> enabled;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    for (Organisation& organisation : repos.organisations().list())
      if (!organisation.disabled) enabled.push_back(std::move(organisation));
    return Ok{};
  });
  if (!status) return status.error();
  std::sort(enabled.begin(), enabled.end(), [](const Organisation& a, const Organisation& b) {
    return fold_latin_upper(a.name) < fold_latin_upper(b.name);
  });
  return enabled;
}

Result<Mandate> Mandates::grant(const Session& session, const GrantMandateInput& input) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  const Instant now = ctx_.clock.now();
  if (auto end = check_mandate_end(input.ends_on, now); !end) return end.error();
  const auto code = normalise_organisation_code(input.organisation_code);
  Mandate mandate;
  mandate.citizen_id = session.subject_id;
  mandate.origin = MandateOrigin::online;
  mandate.scope = input.scope;
  mandate.starts_on = rome_date(now);
  mandate.ends_on = input.ends_on;
  mandate.created_at = now;
  mandate.created_by = Actor::citizen(session.subject_id).id;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    const auto organisation = code ? repos.organisations().find_by_code(*code) : std::nullopt;
    if (!organisation || organisation->disabled) {
      Error unknown = organisation_not_found();
      unknown.field = "organisation";
      return unknown;
    }
    mandate.organisation_id = organisation->id;
    if (repos.mandates().active(mandate.citizen_id, organisation->id)) return already_active();
    mandate.id = repos.mandates().insert(mandate, "");
    repos.audit().append(mandate.created_by, "mandate.granted", mandate.created_by,
                         mandate_detail(mandate, *organisation), now);
    return Ok{};
  });
  if (!status) return status.error();
  return mandate;
}

Result<std::vector<CitizenMandate>> Mandates::of_citizen(const Session& session) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  const Instant now = ctx_.clock.now();
  std::vector<CitizenMandate> found;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    for (Mandate& mandate : repos.mandates().of_citizen(session.subject_id)) {
      CitizenMandate view{std::move(mandate), {}, {}, {}};
      view.state = view.mandate.state_at(now);
      if (const auto organisation = repos.organisations().find(view.mandate.organisation_id)) {
        view.organisation_code = organisation->code;
        view.organisation_name = organisation->name;
      }
      found.push_back(std::move(view));
    }
    return Ok{};
  });
  if (!status) return status.error();
  return found;
}

Status Mandates::revoke(const Session& session, std::int64_t id) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  const Instant now = ctx_.clock.now();
  const std::string actor = Actor::citizen(session.subject_id).id;
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto mandate = repos.mandates().find_for_citizen(session.subject_id, id);
    if (!mandate) return mandate_not_found();
    if (auto revoked = mandate->revoke(actor, now); !revoked) return revoked;
    repos.mandates().update(*mandate);
    const auto organisation = repos.organisations().find(mandate->organisation_id);
    repos.audit().append(actor, "mandate.revoked", actor, mandate_detail(*mandate, organisation.value_or(Organisation{})), now);
    return Ok{};
  });
}

Result<Mandate> Mandates::record(const Actor& actor, const RecordMandateInput& input) {
  // The role first, so another role hears "forbidden" and not what is wrong with the form.
  if (auto allowed = actor.require({Role::patronato}); !allowed || actor.console) return patronato_only();
  const Instant now = ctx_.clock.now();
  const auto cf = CodiceFiscale::parse(input.codice_fiscale, ctx_.places, rome_date(now));
  if (!cf) return cf.error();
  if (auto document = check_document(input.document); !document) return document.error();
  if (auto end = check_mandate_end(input.ends_on, now); !end) return end.error();
  Mandate mandate;
  mandate.origin = MandateOrigin::recorded;
  mandate.scope = input.scope;
  mandate.starts_on = rome_date(now);
  mandate.ends_on = input.ends_on;
  mandate.created_at = now;
  mandate.created_by = actor.id;
  mandate.document_sha256 = sha256_hex(input.document);
  std::optional<Citizen> citizen;
  Organisation organisation;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto own = operator_organisation(repos, actor);
    if (!own) return own.error();
    organisation = std::move(*own);
    citizen = repos.citizens().find_by_codice_fiscale(cf->code());
    const bool matched = citizen && same_surname(citizen->data.surname, input.surname) &&
                         citizen->data.birth_date == input.birth_date;
    if (!matched) return Ok{};  // answered below, after this read-only transaction ends
    mandate.citizen_id = citizen->id;
    mandate.organisation_id = organisation.id;
    if (repos.mandates().active(citizen->id, organisation.id)) return already_active();
    mandate.id = repos.mandates().insert(mandate, input.document);
    repos.audit().append(actor.id, "mandate.recorded", Actor::citizen(citizen->id).id, mandate_detail(mandate, organisation), now);
    queue_message(repos, ctx_.box,
                  {"mandate:" + std::to_string(mandate.id) + ":recorded", notice_route(*citizen), "mandate_recorded",
                   {{"name", citizen->data.name}, {"organisation", organisation.name},
                    {"ends_on", format_date_it(mandate.ends_on)}},
                   ""},
                  now);
    return Ok{};
  });
  if (!status) return status.error();
  if (mandate.id == 0) {
    // The same answer for a code nobody holds and for data that do not agree; the attempt is audited
    // under the organisation, without the code.
    auto audited = ctx_.store.run([&](Repositories& repos) -> Status {
      repos.audit().append(actor.id, "mandate.record-refused", "organisation:" + organisation.code,
                           "no citizen matched the signed form", now);
      return Ok{};
    });
    if (!audited) return audited.error();
    return Error::invalid("citizen-not-matched",
                          "No citizen has this codice fiscale, surname and date of birth: check them against the "
                          "signed mandate.",
                          "codice_fiscale");
  }
  return mandate;
}

Result<std::vector<OrganisationMandate>> Mandates::of_organisation(const Actor& actor, int limit) {
  const Instant now = ctx_.clock.now();
  std::vector<OrganisationMandate> found;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    auto organisation = operator_organisation(repos, actor);
    if (!organisation) return organisation.error();
    for (Mandate& mandate : repos.mandates().of_organisation(organisation->id, limit)) {
      OrganisationMandate view{std::move(mandate), {}, {}, {}, {}};
      view.state = view.mandate.state_at(now);
      if (const auto citizen = repos.citizens().find(view.mandate.citizen_id)) {
        view.codice_fiscale = citizen->codice_fiscale;
        view.surname = citizen->data.surname;
        view.name = citizen->data.name;
      }
      found.push_back(std::move(view));
    }
    return Ok{};
  });
  if (!status) return status.error();
  return found;
}

Status Mandates::revoke_recorded(const Actor& actor, std::int64_t id) {
  const Instant now = ctx_.clock.now();
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto organisation = operator_organisation(repos, actor);
    if (!organisation) return organisation.error();
    auto mandate = repos.mandates().find_for_organisation(organisation->id, id);
    if (!mandate || mandate->origin != MandateOrigin::recorded) return mandate_not_found();
    if (auto revoked = mandate->revoke(actor.id, now); !revoked) return revoked;
    repos.mandates().update(*mandate);
    repos.audit().append(actor.id, "mandate.revoked", Actor::citizen(mandate->citizen_id).id,
                         mandate_detail(*mandate, *organisation), now);
    return Ok{};
  });
}

Result<std::string> Mandates::document(const Session& session, std::int64_t id) {
  if (session.subject_kind != SubjectKind::citizen) return citizens_only();
  std::optional<std::string> bytes;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    if (repos.mandates().find_for_citizen(session.subject_id, id)) bytes = repos.mandates().document(id);
    return Ok{};
  });
  if (!status) return status.error();
  if (!bytes) return mandate_not_found();
  return std::move(*bytes);
}

Result<std::string> Mandates::document(const Actor& actor, std::int64_t id) {
  std::optional<std::string> bytes;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    auto organisation = operator_organisation(repos, actor);
    if (!organisation) return organisation.error();
    if (repos.mandates().find_for_organisation(organisation->id, id)) bytes = repos.mandates().document(id);
    return Ok{};
  });
  if (!status) return status.error();
  if (!bytes) return mandate_not_found();
  return std::move(*bytes);
}

Result<int> Mandates::expire_due(int limit) {
  const Instant now = ctx_.clock.now();
  int expired = 0;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    for (Mandate& mandate : repos.mandates().past_last_day(rome_date(now), limit)) {
      if (!mandate.expire(now)) continue;
      repos.mandates().update(mandate);
      const auto organisation = repos.organisations().find(mandate.organisation_id);
      repos.audit().append("system", "mandate.expired", Actor::citizen(mandate.citizen_id).id,
                           mandate_detail(mandate, organisation.value_or(Organisation{})), now);
      ++expired;
    }
    return Ok{};
  });
  if (!status) return status.error();
  return expired;
}

}  // namespace sportello
