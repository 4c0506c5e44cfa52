#pragma once
// Decides whether a codice fiscale may try a PIN now and for how long a wrong PIN blocks it (SPEC §3):
// the n-th consecutive wrong PIN blocks for n × step (3, 6, 9 … minutes); attempts during a block are refused
// without checking and do not count; a correct PIN resets the count. What a refused attempt tells people
// (the minutes and the clock time of the next try) is reckoned here too, so every page and the API agree.
// Pure; time is passed in.
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

// The wait as people are told it: whole minutes, rounded up, at least 1.
long long minutes_to_wait(Seconds left);
// The clock time people are told for the next try ("alle 14:33"): the end of the block rounded up to the next
// whole minute, so that a try at the time said is never refused.
Instant next_try_at(Instant now, Seconds left);

}  // namespace sportello
