#include "flows/citizen_upsert.h"

namespace sportello {

Citizen upsert_citizen(Repositories& repos, const Applicant& applicant, Instant now) {
  if (auto existing = repos.citizens().find_by_codice_fiscale(applicant.codice_fiscale)) {
    existing->data = applicant.data;
    existing->contacts = applicant.contacts;
    repos.citizens().update(*existing);
    return *existing;
  }
  Citizen citizen;
  citizen.codice_fiscale = applicant.codice_fiscale;
  citizen.data = applicant.data;
  citizen.contacts = applicant.contacts;
  citizen.created_at = now;
  citizen.id = repos.citizens().insert(citizen);
  return citizen;
}

Credential place_new_credential(Repositories& repos, std::int64_t citizen_id, IssueChannel channel, Level level,
                                std::string pin_hash, Instant now) {
  if (auto existing = repos.credentials().find_by_citizen(citizen_id)) {
    (void)existing->reissue(channel, level, std::move(pin_hash), now);  // REQUIRES: not live
    repos.credentials().update(*existing);
    return *existing;
  }
  Credential credential = Credential::issue(citizen_id, channel, level, std::move(pin_hash), now);
  credential.id = repos.credentials().insert(credential);
  return credential;
}

}  // namespace sportello
