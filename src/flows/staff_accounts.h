#pragma once
// Staff accounts (SPEC §1): an administrator (or the console) creates one with a role and receives, once,
// a one-time password and the TOTP secret to enrol in an authenticator app. Staff log in with username,
// password and a TOTP code; a code already used is refused; an unknown username costs the same time as a
// known one and gets the same answer. Failed logins wait longer each time and, repeated, lock the account
// until an administrator unlocks it (issue 15).
#include "core/secret.h"
#include "flows/actor.h"
#include "flows/flow_context.h"
#include "flows/sessions.h"

namespace sportello {

struct NewStaffAccount {
  std::int64_t id = 0;
  Secret one_time_password;
  std::string totp_secret_base32;
  std::string otpauth_uri;
};

struct StaffLoginInput {
  std::string username;
  Secret password;
  std::string totp;
};

class StaffAccounts {
 public:
  explicit StaffAccounts(FlowContext& ctx) : ctx_(ctx) {}
  // Administrators. `full_name` ("Laura Verdi", what citizens see) may be left empty and set later. A
  // patronato operator names the code of its organisation (issue 11); other roles name none.
  // Errors: invalid-username (3–32 of a-z 0-9 . _ -), invalid-full-name (see normalise_full_name), username-taken,
  // organisation-required, organisation-not-for-role, organisation-not-found (unknown or disabled).
  Result<NewStaffAccount> add(const Actor& actor, const std::string& username, Role role,
                              const std::string& full_name = "", const std::string& organisation_code = "");
  // Administrators: the account's display name. Errors: invalid-full-name, staff-not-found.
  Status rename(const Actor& actor, const std::string& username, const std::string& full_name);
  // Errors: wrong-credentials (username, password or code; retry_after says how long the next try waits),
  // blocked (a try during that wait), staff-locked (policies.staff_lockout.lock_after failures in a row),
  // account-disabled, organisation-disabled (a patronato operator's, told only after the right credentials). Known and unknown usernames are counted and answered alike; every failure is audited.
  // A session opened with the one-time password carries the required action change_password.
  Result<OpenedSession> login(const StaffLoginInput& input);
  // Administrators: forgets the account's failed logins, lifting a lock. Errors: staff-not-found.
  Status unlock(const Actor& actor, const std::string& username);
  // From a staff session. Errors: wrong-password, password-too-short, password-reused.
  Status change_password(const Session& session, const Secret& current, const Secret& next);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
