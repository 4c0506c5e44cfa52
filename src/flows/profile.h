#pragma once
// What a logged-in citizen may read about themselves (the API's /me and the reserved area's header): who
// they are, their contacts, their PIN's level and state, when it must next be changed, and who acted on
// their data (the audit rows about them). Staff sessions read their account and role.
#include <vector>

#include "flows/actor.h"
#include "flows/flow_context.h"

namespace sportello {

struct CitizenProfile {
  Citizen citizen;
  Credential credential;
  std::optional<Instant> pin_change_due;
  std::optional<Instant> pin_expires;  // for a 16-character PIN not yet replaced
};

struct StaffProfile {
  std::string username;
  Role role = Role::contact_center;
};

class Profile {
 public:
  explicit Profile(FlowContext& ctx) : ctx_(ctx) {}
  Result<CitizenProfile> citizen(const Session& session);
  Result<StaffProfile> staff(const Session& session);
  // Audit rows about the citizen, newest first.
  Result<std::vector<AuditEntry>> accesses(const Session& session, int limit = 50);

 private:
  FlowContext& ctx_;
};

// The actor a staff session acts as; forbidden for citizen sessions.
Result<Actor> staff_actor(FlowContext& ctx, const Session& session);

}  // namespace sportello
