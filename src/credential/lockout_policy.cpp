#include "credential/lockout_policy.h"

namespace sportello {

Seconds LockoutPolicy::remaining(const LockoutState& state, Instant now) const {
  return state.blocked_until > now ? state.blocked_until - now : Seconds{0};
}

}  // namespace sportello
