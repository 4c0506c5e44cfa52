#pragma once
// Everything the flows share: the store, the clock, the hasher, the sealing box, the Belfiore table and the
// policies from configuration. Built once in app/ and passed by reference; it owns nothing.
#include <cstdint>

#include "core/belfiore.h"
#include "core/clock.h"
#include "core/secret_box.h"
#include "credential/allowance.h"
#include "credential/argon2_hasher.h"
#include "credential/credential.h"
#include "credential/lockout_policy.h"
#include "credential/personal_pin_policy.h"
#include "flows/holder.h"
#include "flows/read_cache.h"
#include "flows/unit_of_work.h"
#include "session/session.h"

namespace sportello {

struct FlowPolicies {
  CredentialPolicy credential;
  LockoutPolicy lockout{Minutes{3}};
  // Staff logins: 3 failures in a row free (typos), then waits of 1, 2, 3 … minutes, locked for good at the 10th.
  LockoutPolicy staff_lockout{Minutes{1}, Hours{24}, 10, 3};
  SessionPolicy session;
  PersonalPinPolicy personal_pin{8};
  int pin_history = 5;
  Seconds recovery_lifetime = Minutes{30};
  int recovery_contacts_required = 2;
  Seconds contact_code_lifetime = Minutes{15};
  Seconds confirmation_window = Hours{48};
  std::uint64_t max_upload_bytes = 1024 * 1024;
  std::string protocol_office = "7001";
  std::uint64_t max_attachment_bytes = 5 * 1024 * 1024;
  int totp_window_steps = 1;
  int staff_password_min_length = 12;
  // Issue 15: what one codice fiscale may start in a window, counted for every code alike; letters per holder.
  Allowance requests_per_code{3, Hours{24}};
  Allowance recoveries_per_code{3, Hours{24}};
  Allowance renewals_per_code{3, Hours{24 * 30}};
  Allowance letters_per_holder{3, Hours{24 * 30}};
  // Issue 12: citizens enter with SPID, CIE or CNS only; their PIN's login, request, renewal and recovery refuse
  // (pin-retired). Staff and intermediaries keep their own credentials.
  bool citizen_pin_retired = false;
};

// A citizen as the reserved area reads them: their record, and their PIN when they have one (decision 0020).
struct CitizenAndPin {
  Citizen citizen;
  std::optional<Credential> credential;
};

// What read-only flows may remember between requests (see ReadCache); absent in most tests.
struct FlowCaches {
  explicit FlowCaches(Seconds ttl) : sessions(ttl), citizens(ttl) {}
  ReadCache<Session> sessions;         // by token hash
  ReadCache<CitizenAndPin> citizens;  // by citizen id, with a PIN or without
};

struct FlowContext {
  UnitOfWork& store;
  const Clock& clock;
  const Argon2Hasher& hasher;
  const SecretBox& box;
  const BelfioreRegistry& places;
  FlowPolicies policies;
  FlowCaches* caches = nullptr;
};

}  // namespace sportello
