#pragma once
// Shared by the request flows: finds the citizen by codice fiscale and updates their data from a validated
// applicant, or inserts them. Runs inside the caller's transaction.
#include "flows/applicant.h"
#include "flows/unit_of_work.h"

namespace sportello {

Citizen upsert_citizen(Repositories& repos, const Applicant& applicant, Instant now);

// Puts a new credential for the citizen in place: inserts it, or replaces an ended one (the table keeps one
// row per citizen). REQUIRES: the citizen holds no live credential.
Credential place_new_credential(Repositories& repos, std::int64_t citizen_id, IssueChannel channel, Level level,
                                std::string pin_hash, Instant now);

}  // namespace sportello
