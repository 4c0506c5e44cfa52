#include "flows/issue_pin_at_office.h"

#include "audit/audit_entry.h"
#include "credential/pin_generator.h"
#include "flows/citizen_upsert.h"
#include "flows/delivery.h"
#include "flows/pin_retirement.h"

namespace sportello {

Result<OfficeIssued> IssuePinAtOffice::run(const Actor& actor, const OfficeIssueInput& input, std::vector<Error>& problems) {
  if (Status in_use = citizen_pin_in_use(ctx_.policies); !in_use) return in_use.error();
  problems.clear();
  if (auto allowed = actor.require({Role::office}); !allowed) return allowed.error();
  const Instant now = ctx_.clock.now();
  auto applicant = validate_applicant(input.applicant, ctx_.places, rome_date(now), problems);
  if (input.document_kind.empty() || input.document_number.empty())
    problems.push_back(Error::invalid("missing-document", "Record the identity document that was checked.",
                                      "document_number"));
  if (!problems.empty()) return problems.front();

  const IssuedPin pin = generate_issued_pin();
  const std::string hash = ctx_.hasher.hash(pin.full());
  OfficeIssued issued{0, Secret(pin.full()), {}};
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    const Citizen citizen = upsert_citizen(repos, *applicant, now);
    const std::string subject = citizen_ref(citizen.id);
    if (auto old = repos.credentials().find_by_citizen(citizen.id); old && old->live()) {
      (void)old->revoke(now);
      repos.credentials().update(*old);
      repos.sessions().end_all_for(SubjectKind::citizen, citizen.id, "revoked", now);
      repos.audit().append(actor.id, "pin.revoked", subject, "replaced at office", now);
    }
    Credential credential = place_new_credential(repos, citizen.id, IssueChannel::office, Level::dispositivo, hash, now);
    repos.lockouts().reset(citizen.codice_fiscale);  // the PIN handed over starts the count afresh
    repos.audit().append(actor.id, "pin.issued-at-office", subject, "document: " + input.document_kind, now);
    issued.citizen_id = citizen.id;
    issued.expires_at = credential.expires_at(ctx_.policies.credential);
    return Ok{};
  });
  if (!status) return status.error();
  return issued;
}

Result<OfficeIssued> IssuePinAtOffice::run(const Actor& actor, const OfficeIssueInput& input) {
  std::vector<Error> problems;
  return run(actor, input, problems);
}

}  // namespace sportello
