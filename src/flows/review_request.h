#pragma once
// The contact center's call to confirm the data of an online request (SPEC §4.1): on confirmation the
// sealed second half leaves in a letter to the residence; on rejection the request is cancelled and the
// person told. Both are one transaction with their audit row. The queue and a single request carry what the
// operator checks on the call: personal data with the birth place by name, residence and every contact.
#include <vector>

#include "flows/actor.h"
#include "flows/flow_context.h"
#include "identity/citizen.h"

namespace sportello {

struct PendingRequest {
  std::int64_t citizen_id = 0;
  std::string codice_fiscale;
  std::string surname, name;
  std::string request_reference;  // "RP-7KQ4-M2XW", the number the applicant was given; empty for older requests
  Sex sex = Sex::male;
  Date birth_date{};
  std::string birth_place;  // the registry's name on the birth date, "ROMA (RM)" or "Francia"; never a Belfiore code
  Address residence;
  Contacts contacts;        // the numbers to call first: mobile, home phone, office phone
  Instant requested_at{};
  Seconds age{0};
  bool overdue = false;  // older than the 48-hour confirmation window
};

class ReviewRequest {
 public:
  explicit ReviewRequest(FlowContext& ctx) : ctx_(ctx) {}
  // Contact center or office; codice_fiscale as typed. Errors: holder-not-found, illegal-transition, pin-expired;
  // confirm also too-many-letters (limited) when the holder's address has had the letters' allowance.
  Status confirm(const Actor& actor, const std::string& codice_fiscale);
  Status reject(const Actor& actor, const std::string& codice_fiscale, const std::string& reason);
  // Online requests waiting for the call, oldest first.
  Result<std::vector<PendingRequest>> queue(const Actor& actor, int limit = 100);
  // The request waiting for the call with this request number or of the person with this codice fiscale, as
  // typed (any case, spaces and dashes anywhere, "RP-" optional). Errors: holder-not-found when nothing typed
  // so names a request waiting for the call, or the codice fiscale's own when it is neither.
  Result<PendingRequest> find(const Actor& actor, const std::string& number_or_codice_fiscale);

 private:
  PendingRequest pending_request(const Citizen& citizen, const Credential& credential, Instant now) const;
  FlowContext& ctx_;
};

}  // namespace sportello
