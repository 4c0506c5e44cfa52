#include "flows/staff_accounts.h"

#include <algorithm>

#include "core/random.h"
#include "core/typed_code.h"
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

Error wrong_credentials() {
  return Error{ErrorKind::wrong_secret, "wrong-credentials", "Username, password or code is not right.", {}, {}};
}

}  // namespace

Result<NewStaffAccount> StaffAccounts::add(const Actor& actor, const std::string& username, Role role,
                                           const std::string& full_name) {
  if (auto allowed = actor.require({Role::admin}); !allowed) return allowed.error();
  if (!valid_username(username))
    return Error::invalid("invalid-username", "A username has 3 to 32 characters among a-z, 0-9, '.', '_' and '-'.",
                          "username");
  const auto name = full_name.empty() ? std::optional<std::string>("") : normalise_full_name(full_name);
  if (!name) return invalid_full_name();
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
    created.id = repos.staff().insert(account);
    repos.audit().append(actor.id, "staff.added", "staff:" + username, to_string(role), now);
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
  const Instant now = ctx_.clock.now();
  std::optional<StaffAccount> account;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    account = repos.staff().find_by_username(input.username);
    return Ok{};
  });
  if (!read) return read.error();
  if (!account) {
    ctx_.hasher.burn_dummy_verify(input.password.reveal());
    return wrong_credentials();
  }
  const bool password_right = ctx_.hasher.verify(account->password_hash, input.password.reveal());
  auto secret = ctx_.box.open(account->totp_secret_sealed);
  if (!secret) return Error::unavailable("The TOTP secret cannot be read.");
  const auto step = verify_totp(*secret, normalise_typed_code(input.totp), now, ctx_.policies.totp_window_steps);
  if (!password_right || !step || *step <= account->totp_last_step) return wrong_credentials();
  if (account->disabled)
    return Error{ErrorKind::forbidden, "account-disabled", "This account is disabled.", {}, {}};

  OpenedSession opened;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto fresh = repos.staff().find(account->id);
    if (!fresh || *step <= fresh->totp_last_step) return wrong_credentials();  // the code was used meanwhile
    fresh->totp_last_step = *step;
    repos.staff().update(*fresh);
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
