#include "credential/lockout_policy.h"

#include <algorithm>

namespace sportello {

Seconds LockoutPolicy::remaining(const LockoutState& state, Instant now) const {
  return state.blocked_until > now ? state.blocked_until - now : Seconds{0};
}

bool LockoutPolicy::forgotten(const LockoutState& state, Instant now) const {
  return state.blocked_until <= now && state.last_failure + reset_after_ <= now;
}

LockoutState LockoutPolicy::after_failure(const LockoutState& before, Instant now) const {
  const int failures = forgotten(before, now) ? 1 : before.consecutive_failures + 1;
  LockoutState after{failures, now + block_for(failures), now};
  if (locked_for_good(after)) after.blocked_until = kLockedForGood;
  return after;
}

long long minutes_to_wait(Seconds left) { return std::max<long long>(1, (left.count() + 59) / 60); }

Instant next_try_at(Instant now, Seconds left) {
  const Instant until = now + left;
  const Instant minute = std::chrono::floor<Minutes>(until);
  return minute == until ? until : minute + Minutes{1};
}

}  // namespace sportello
