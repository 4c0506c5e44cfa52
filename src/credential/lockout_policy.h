#pragma once
// Decides whether a codice fiscale may try a PIN now and for how long a wrong PIN blocks it (SPEC §3):
// the n-th consecutive wrong PIN blocks for n × step (3, 6, 9 … minutes); attempts during a block are refused
// without checking and do not count; a correct PIN resets the count. Pure; time is passed in.
#include "core/clock.h"

namespace sportello {

struct LockoutState {
  int consecutive_failures = 0;
  Instant blocked_until{};  // epoch when never blocked
};

class LockoutPolicy {
 public:
  explicit LockoutPolicy(Seconds step) : step_(step) {}
  // Time left in the block, zero when an attempt may proceed.
  Seconds remaining(const LockoutState& state, Instant now) const;
  // The block that the n-th consecutive failure imposes.
  Seconds block_for(int consecutive_failures) const { return step_ * consecutive_failures; }
  Seconds step() const { return step_; }

 private:
  Seconds step_;
};

}  // namespace sportello
