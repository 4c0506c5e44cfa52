#include "flows/login.h"

#include "core/civil_time.h"
#include "core/codice_fiscale.h"
#include "credential/pin_generator.h"
#include "flows/citizen_lookup.h"
#include "flows/pin_retirement.h"

namespace sportello {
namespace {

// " in 3 minutes, at 14:33 (Italian time)": the same words for every code, known or not (decision 0008).
std::string next_try(Seconds left, Instant now) {
  const long long minutes = minutes_to_wait(left);
  return " in " + std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes") + ", at " +
         format_rome_time(next_try_at(now, left)) + " (Italian time).";
}

Error blocked(Seconds retry_after, Instant now) {
  return Error{ErrorKind::blocked, "blocked",
               "This codice fiscale is blocked for a while after a wrong PIN: try again" + next_try(retry_after, now),
               {}, retry_after};
}

// The first wrong PIN already blocks (SPEC §3), so its answer says when the next try is possible.
Error wrong_pin(Seconds retry_after, Instant now) {
  std::string message = "Codice fiscale or PIN is not right.";
  if (retry_after > Seconds{0}) message += " For safety the next try is possible" + next_try(retry_after, now);
  return Error{ErrorKind::wrong_secret, "wrong-pin", std::move(message), "pin", retry_after};
}

}  // namespace

Result<Holder> check_pin_with_lockout(FlowContext& ctx, const std::string& code, const Secret& typed_pin, Instant now,
                                      const AfterRightPin& after_right) {
  // The attempt is counted as a failure before the PIN is checked (and forgiven below when it was right), so
  // that parallel tries at one code cannot check more PINs than the lockout allows.
  LockoutAttempt attempt;
  std::optional<Holder> holder;
  auto reserved = ctx.store.run([&](Repositories& repos) -> Status {
    attempt = repos.lockouts().reserve_attempt(code, ctx.policies.lockout, now);
    if (attempt.allowed) holder = find_holder(repos, code);
    return Ok{};
  });
  if (!reserved) return reserved.error();
  if (!attempt.allowed) return blocked(ctx.policies.lockout.remaining(attempt.state, now), now);

  const std::string pin = normalise_typed_pin(typed_pin.reveal());
  bool right = false;
  if (holder) right = ctx.hasher.verify(holder->credential.pin_hash, pin);
  else ctx.hasher.burn_dummy_verify(pin);

  // A second step for every code: after a right PIN the reset, with the caller's step in the same transaction
  // (one commit, not two: each is a sync of the log); after a wrong one an audit row, whether or not the code
  // holds a PIN (naming the holder when it does: the reserved area's access list shows it), so a wrong PIN costs
  // the same write for a holder and a stranger and its time tells nothing.
  bool declined = false;  // the caller's step refused: its writes are undone, the reset is not
  auto settled = ctx.store.run([&](Repositories& repos) -> Status {
    if (!right) {
      repos.audit().append("anonymous", "pin.wrong", holder ? holder->subject() : "", "", now);
      return Ok{};
    }
    repos.lockouts().reset(code);
    if (!after_right) return Ok{};
    Status step = after_right(repos, *holder);
    declined = !step.ok();
    return step;
  });
  if (declined) {
    auto reset = ctx.store.run([&](Repositories& repos) -> Status {
      repos.lockouts().reset(code);
      return Ok{};
    });
    if (!reset) return reset.error();
  }
  if (!settled) return settled.error();
  if (!right) return wrong_pin(ctx.policies.lockout.remaining(attempt.state, now), now);
  return *holder;
}

Result<OpenedSession> Login::run(const LoginInput& input) {
  if (Status in_use = citizen_pin_in_use(ctx_.policies); !in_use) return in_use.error();
  const Instant now = ctx_.clock.now();
  auto cf = CodiceFiscale::parse(input.codice_fiscale, ctx_.places, rome_date(now));
  if (!cf) return cf.error();
  OpenedSession opened;
  const auto open_it = [&](Repositories& repos, const Holder& h) -> Status {
    // Re-read: a revocation or PIN change may have landed while the PIN was being checked.
    auto credential = repos.credentials().find_by_citizen(h.citizen.id);
    if (!credential || credential->pin_hash != h.credential.pin_hash) return wrong_pin(Seconds{0}, now);
    auto action = credential->check_can_log_in(now, ctx_.policies.credential);
    if (!action) return action.error();
    Session draft;
    draft.subject_kind = SubjectKind::citizen;
    draft.subject_id = h.citizen.id;
    draft.level = credential->level;
    draft.required_action = *action;
    opened = open_session(repos, std::move(draft), now);
    repos.audit().append(h.subject(), "pin.login", h.subject(), to_string(*action), now);
    return Ok{};
  };
  auto holder = check_pin_with_lockout(ctx_, cf->code(), input.pin, now, open_it);
  if (!holder) return holder.error();
  if (ctx_.hasher.needs_rehash(holder->credential.pin_hash)) upgrade_hash(*holder, input.pin);
  return opened;
}

void Login::upgrade_hash(const Holder& holder, const Secret& typed_pin) {
  // After the session is open, in a step of its own: a stronger hash is a gain, not a condition of the login;
  // if this fails or a PIN change lands first, the next login tries again.
  const std::string upgraded = ctx_.hasher.hash(normalise_typed_pin(typed_pin.reveal()));
  (void)ctx_.store.run([&](Repositories& repos) -> Status {
    auto credential = repos.credentials().find_by_citizen(holder.citizen.id);
    if (!credential || credential->pin_hash != holder.credential.pin_hash) return Ok{};
    credential->pin_hash = upgraded;
    repos.credentials().update(*credential);
    return Ok{};
  });
}

}  // namespace sportello
