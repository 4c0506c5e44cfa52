#pragma once
// What a logged-in citizen may read about themselves (the API's /me and the reserved area's header): who
// they are, their contacts, their PIN's level and state (when they have one), when it must next be changed, and who acted on
// their data (the audit rows about them, with staff named by full name and role, never by username). Staff
// sessions read their account and role.
#include <vector>

#include "flows/actor.h"
#include "flows/flow_context.h"

namespace sportello {

struct CitizenProfile {
  Citizen citizen;
  std::optional<Credential> credential;  // none for a citizen who came in with SPID, CIE or CNS and has no PIN
  std::optional<Instant> pin_change_due;
  std::optional<Instant> pin_expires;  // for a 16-character PIN not yet replaced
};

struct StaffProfile {
  std::string username;
  Role role = Role::contact_center;
};

// Who an audit row about a citizen says acted, as the citizen may be told.
struct AccessActor {
  enum class Kind {
    holder,    // the citizen themselves
    staff,     // a staff account that still exists: full_name (may be empty for older accounts) and role
    operator_, // staff whose account is gone, or the institute's console (sportelloctl)
    system,    // the institute's own processes (courier, demo seed, imports)
  };
  Kind kind = Kind::system;
  std::string full_name;
  std::optional<Role> role;
  std::string organisation;  // a patronato operator's organisation, by name (issue 11)
};

struct Access {
  Instant at{};
  std::string action;  // "pin.login", "pin.request-confirmed" ...
  AccessActor by;
  // What the row names (issue 11): the mandate a patronato acted under, a contact-centre call, an
  // application's protocol.
  std::optional<std::int64_t> mandate_id;
  bool during_call = false;
  std::string protocol;
  // A login through another party (issue 12): the SPID or CIE identity provider's entityID, or the CNS card's
  // issuing organisation; SPID's level (0: not a SPID login).
  std::string provider;
  int spid_level = 0;
};

class Profile {
 public:
  explicit Profile(FlowContext& ctx) : ctx_(ctx) {}
  Result<CitizenProfile> citizen(const Session& session);
  Result<StaffProfile> staff(const Session& session);
  // Audit rows about the citizen, newest first, each with who acted.
  Result<std::vector<Access>> accesses(const Session& session, int limit = 50);
  // The full name of the staff member an actor id names ("staff:bo.verdi" -> "Laura Verdi"), for the console;
  // empty when the actor is not staff, the account is gone or has no name, or the store cannot be read.
  std::string staff_name(const std::string& actor_id);

 private:
  FlowContext& ctx_;
};

// The actor a staff session acts as; forbidden for citizen sessions.
Result<Actor> staff_actor(FlowContext& ctx, const Session& session);

}  // namespace sportello
