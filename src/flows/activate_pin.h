#pragma once
// Online activation of a PIN requested by phone or letter (SPEC §4.2): the holder proves possession of the
// health card (number and expiry), reviews their data, gives at least two contacts (a mobile plus one of
// e-mail, PEC, home, office, fax) and chooses where the second half goes. Any mismatch gets one answer,
// activation-data-mismatch, whatever was wrong, so the page reveals nothing about other people. A completed
// activation starts the codice fiscale's lockout count afresh, in the same transaction.
#include "flows/applicant.h"
#include "flows/citizen_lookup.h"
#include "flows/flow_context.h"

namespace sportello {

struct ActivationProof {
  std::string codice_fiscale;
  std::string tessera_number, tessera_expiry;
};

struct ActivationInput {
  ActivationProof proof;
  ApplicantInput contacts;        // only the contact fields are read
  std::string send_second_half_to;  // "mobile", "email" or "pec"
};

class ActivatePin {
 public:
  explicit ActivatePin(FlowContext& ctx) : ctx_(ctx) {}
  // Step 1: the holder's data for review. Errors: ts-expired, activation-data-mismatch.
  Result<PersonalData> review(const ActivationProof& proof);
  // Step 2. Errors: as review, plus missing-mobile, missing-second-contact, invalid-* contacts, invalid-channel.
  Status complete(const ActivationInput& input);

 private:
  Result<Holder> prove(Repositories& repos, const ActivationProof& proof, Instant now);
  FlowContext& ctx_;
};

}  // namespace sportello
