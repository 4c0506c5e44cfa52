#include "flows/staff_accounts.h"

#include <algorithm>

#include "core/digest.h"
#include "core/random.h"
#include "core/typed_code.h"
#include "intermediaries/organisation.h"
#include "staff/totp.h"

namespace sportello {
namespace {

constexpr std::string_view kPasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
constexpr std::size_t kOneTimePasswordLength = 20;

bool valid_username(const std::string& u) {
  return u.size() >= 3 && u.size() <= 32 && std::all_of(u.begin(), u.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
         });
}

Error invalid_full_name() {
  return Error::invalid("invalid-full-name", "A full name has 1 to 80 characters and no control characters.",
                        "full_name");
}

Error wrong_credentials(Seconds retry_after = Seconds{0}) {
  return Error{ErrorKind::wrong_secret, "wrong-credentials", "Username, password or code is not right.", {}, retry_after};
}

// The same answers whether or not the username exists: its count lives under this key either way.
std::string lockout_key(const std::string& username) {
  return "staff:" + (valid_username(username) ? username : "#" + sha256_hex(username).substr(0, 32));
}

Error refused(const LockoutPolicy& policy, const LockoutState& state, Instant now) {
  if (policy.locked_for_good(state))
    return Error{ErrorKind::blocked, "staff-locked",
                 "Too many failed logins in a row: the account is locked until an administrator unlocks it.", {}, {}};
  const Seconds left = policy.remaining(state, now);
  return Error{ErrorKind::blocked, "blocked",
               "Too many failed logins: try again in " + std::to_string(minutes_to_wait(left)) + " minutes.", {}, left};
}

}  // namespace

Result<NewStaffAccount> StaffAccounts::add(const Actor& actor, const std::string& username, Role role,
                                           const std::string& full_name, const std::string& organisation_code) {
  if (auto allowed = actor.require({Role::admin}); !allowed) return allowed.error();
  if (!valid_username(username))
    return Error::invalid("invalid-username", "A username has 3 to 32 characters among a-z, 0-9, '.', '_' and '-'.",
                          "username");
  const auto name = full_name.empty() ? std::optional<std::string>("") : normalise_full_name(full_name);
  if (!name) return invalid_full_name();
  if (role == Role::patronato && organisation_code.empty())
    return Error::invalid("organisation-required", "A patronato operator works for an organisation: name its code.",
                          "organisation");
  if (role != Role::patronato && !organisation_code.empty())
    return Error::invalid("organisation-not-for-role", "Only patronato operators belong to an organisation.",
                          "organisation");
  const Instant now = ctx_.clock.now();
  NewStaffAccount created{0, Secret(random_string(kPasswordAlphabet, kOneTimePasswordLength)), {}, {}};
  const std::string totp_secret = new_totp_secret();
  created.totp_secret_base32 = base32_encode(totp_secret);
  created.otpauth_uri = otpauth_uri("sportello", username, totp_secret);
  StaffAccount account;
  account.username = username;
  account.role = role;
  account.full_name = *name;
  account.password_hash = ctx_.hasher.hash(created.one_time_password.reveal());
  account.totp_secret_sealed = ctx_.box.seal(totp_secret);
  account.created_at = now;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    if (repos.staff().find_by_username(username))
      return Error{ErrorKind::conflict, "username-taken", "That username is already in use.", "username", {}};
    std::string detail = to_string(role);
    if (role == Role::patronato) {
      const auto code = normalise_organisation_code(organisation_code);
      const auto organisation = code ? repos.organisations().find_by_code(*code) : std::nullopt;
      if (!organisation || organisation->disabled)
        return Error{ErrorKind::not_found, "organisation-not-found", "There is no enabled organisation with that code.",
                     "organisation", {}};
      account.organisation_id = organisation->id;
      detail += "; organisation:" + organisation->code;
    }
    created.id = repos.staff().insert(account);
    repos.audit().append(actor.id, "staff.added", "staff:" + username, detail, now);
    return Ok{};
  });
  if (!status) return status.error();
  return created;
}

Status StaffAccounts::rename(const Actor& actor, const std::string& username, const std::string& full_name) {
  if (auto allowed = actor.require({Role::admin}); !allowed) return allowed;
  const auto name = normalise_full_name(full_name);
  if (!name) return invalid_full_name();
  const Instant now = ctx_.clock.now();
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto account = repos.staff().find_by_username(username);
    if (!account) return Error{ErrorKind::not_found, "staff-not-found", "No staff account has that username.", "username", {}};
    account->full_name = *name;
    repos.staff().update(*account);
    repos.audit().append(actor.id, "staff.renamed", "staff:" + username, *name, now);
    return Ok{};
  });
}

Result<OpenedSession> StaffAccounts::login(const StaffLoginInput& input) {
  // Keycloak's pattern: each failure in a row waits a step longer, `lock_after` of them lock the account until
  // an administrator unlocks it; the attempt is counted before anything is checked, and an unknown username
  // is counted, answered and audited alike.
  const Instant now = ctx_.clock.now();
  const LockoutPolicy& policy = ctx_.policies.staff_lockout;
  const std::string key = lockout_key(input.username);
  LockoutAttempt attempt;
  std::optional<StaffAccount> account;
  auto reserved = ctx_.store.run([&](Repositories& repos) -> Status {
    attempt = repos.lockouts().reserve_attempt(key, policy, now);
    if (attempt.allowed) account = repos.staff().find_by_username(input.username);
    return Ok{};
  });
  if (!reserved) return reserved.error();
  if (!attempt.allowed) return refused(policy, attempt.state, now);

  bool right = false;
  std::int64_t step = 0;
  if (account) {
    const bool password_right = ctx_.hasher.verify(account->password_hash, input.password.reveal());
    auto secret = ctx_.box.open(account->totp_secret_sealed);
    if (!secret) return Error::unavailable("The TOTP secret cannot be read.");
    const auto code_step = verify_totp(*secret, normalise_typed_code(input.totp), now, ctx_.policies.totp_window_steps);
    right = password_right && code_step && *code_step > account->totp_last_step;
    if (code_step) step = *code_step;
  } else {
    ctx_.hasher.burn_dummy_verify(input.password.reveal());
  }

  if (!right) {
    auto audited = ctx_.store.run([&](Repositories& repos) -> Status {
      const bool locked = policy.locked_for_good(attempt.state);
      repos.audit().append("anonymous", "staff.login-failed", account ? "staff:" + account->username : "staff:?",
                           (locked ? "locked; " : "") + std::to_string(attempt.state.consecutive_failures) +
                               " in a row" + (account ? "" : "; unknown username"),
                           now);
      return Ok{};
    });
    if (!audited) return audited.error();
    if (policy.locked_for_good(attempt.state)) return refused(policy, attempt.state, now);
    return wrong_credentials(policy.remaining(attempt.state, now));
  }
  if (account->disabled) return Error{ErrorKind::forbidden, "account-disabled", "This account is disabled.", {}, {}};

  OpenedSession opened;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto fresh = repos.staff().find(account->id);
    if (!fresh || step <= fresh->totp_last_step) return wrong_credentials();  // the code was used meanwhile
    if (fresh->organisation_id)
      if (const auto organisation = repos.organisations().find(*fresh->organisation_id); !organisation || organisation->disabled)
        return Error{ErrorKind::forbidden, "organisation-disabled", "Your organisation is disabled.", {}, {}};
    fresh->totp_last_step = step;
    repos.staff().update(*fresh);
    repos.lockouts().reset(key);
    Session draft;
    draft.subject_kind = SubjectKind::staff;
    draft.subject_id = fresh->id;
    draft.role = to_string(fresh->role);
    draft.required_action = fresh->must_change_password ? RequiredAction::change_password : RequiredAction::none;
    opened = open_session(repos, std::move(draft), now);
    repos.audit().append("staff:" + fresh->username, "staff.login", "staff:" + fresh->username, "", now);
    return Ok{};
  });
  if (!status) return status.error();
  return opened;
}

Status StaffAccounts::unlock(const Actor& actor, const std::string& username) {
  if (auto allowed = actor.require({Role::admin}); !allowed) return allowed;
  const Instant now = ctx_.clock.now();
  return ctx_.store.run([&](Repositories& repos) -> Status {
    if (!repos.staff().find_by_username(username))
      return Error{ErrorKind::not_found, "staff-not-found", "No staff account has that username.", "username", {}};
    const int failures = repos.lockouts().find(lockout_key(username)).consecutive_failures;
    repos.lockouts().reset(lockout_key(username));
    repos.audit().append(actor.id, "staff.unlocked", "staff:" + username,
                         std::to_string(failures) + " failures in a row forgotten", now);
    return Ok{};
  });
}

Status StaffAccounts::change_password(const Session& session, const Secret& current, const Secret& next) {
  if (session.subject_kind != SubjectKind::staff)
    return Error{ErrorKind::forbidden, "staff-only", "Only staff accounts have a password.", {}, {}};
  if (static_cast<int>(next.reveal().size()) < ctx_.policies.staff_password_min_length)
    return Error::invalid("password-too-short",
                          "The new password needs at least " + std::to_string(ctx_.policies.staff_password_min_length) +
                              " characters.",
                          "new_password");
  if (next.equals(current.reveal()))
    return Error::invalid("password-reused", "The new password must differ from the current one.", "new_password");
  const Instant now = ctx_.clock.now();
  std::optional<StaffAccount> account;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    account = repos.staff().find(session.subject_id);
    return Ok{};
  });
  if (!read) return read;
  if (!account || !ctx_.hasher.verify(account->password_hash, current.reveal()))
    return Error{ErrorKind::wrong_secret, "wrong-password", "The current password is not right.", "current_password", {}};
  const std::string hash = ctx_.hasher.hash(next.reveal());
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto fresh = repos.staff().find(session.subject_id);
    if (!fresh || fresh->password_hash != account->password_hash)
      return Error{ErrorKind::conflict, "password-changed-meanwhile", "The password changed meanwhile.", {}, {}};
    fresh->password_hash = hash;
    fresh->must_change_password = false;
    repos.staff().update(*fresh);
    repos.sessions().end_all_for(SubjectKind::staff, fresh->id, "password-changed", now, session.id);
    repos.sessions().set_required_action(session.id, RequiredAction::none);
    repos.audit().append("staff:" + fresh->username, "staff.password-changed", "staff:" + fresh->username, "", now);
    return Ok{};
  });
}

}  // namespace sportello
