#pragma once
// The contact center's call to confirm the data of an online request (SPEC §4.1): on confirmation the
// sealed second half leaves in a letter to the residence; on rejection the request is cancelled and the
// person told. Both are one transaction with their audit row.
#include <vector>

#include "flows/actor.h"
#include "flows/flow_context.h"

namespace sportello {

struct PendingRequest {
  std::int64_t citizen_id = 0;
  std::string codice_fiscale;
  std::string surname, name;
  Instant requested_at{};
  Seconds age{0};
  bool overdue = false;  // older than the 48-hour confirmation window
};

class ReviewRequest {
 public:
  explicit ReviewRequest(FlowContext& ctx) : ctx_(ctx) {}
  // Contact center or office; codice_fiscale as typed. Errors: holder-not-found, illegal-transition, pin-expired.
  Status confirm(const Actor& actor, const std::string& codice_fiscale);
  Status reject(const Actor& actor, const std::string& codice_fiscale, const std::string& reason);
  // Online requests waiting for the call, oldest first.
  Result<std::vector<PendingRequest>> queue(const Actor& actor, int limit = 100);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
