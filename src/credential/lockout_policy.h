#pragma once
// Decides whether a codice fiscale may try a PIN now and for how long a wrong PIN blocks it (SPEC §3):
// the n-th consecutive wrong PIN blocks for n × step (3, 6, 9 … minutes); attempts during a block are refused
// without checking and do not count; a correct PIN resets the count, and so does a day without a wrong PIN
// (`reset_after`, once the block has ended): one rule for every submitted code, known or not
// (docs/decisions/0001). What a refused attempt tells people
// (the minutes and the clock time of the next try) is reckoned here too, so every page and the API agree.
// Pure; time is passed in.
#include "core/clock.h"

namespace sportello {

struct LockoutState {
  int consecutive_failures = 0;
  Instant blocked_until{};  // epoch when never blocked
  Instant last_failure{};   // epoch when never failed

  bool operator==(const LockoutState&) const = default;
};

// The end of a block that only an administrator lifts (staff accounts, after `lock_after` failures in a row).
inline constexpr Instant kLockedForGood = Instant{Seconds{253402300799}};  // 9999-12-31T23:59:59Z

class LockoutPolicy {
 public:
  // `free_failures`: failures in a row that start no wait (a typo); the next ones wait 1, 2, 3 … steps.
  // `lock_after` > 0: that many failures in a row lock for good (kLockedForGood) instead of for a while.
  // Citizens' PINs (SPEC §3): no free failure, no lock for good.
  explicit LockoutPolicy(Seconds step, Seconds reset_after = Hours{24}, int lock_after = 0, int free_failures = 0)
      : step_(step), reset_after_(reset_after), lock_after_(lock_after), free_failures_(free_failures) {}
  // Time left in the block, zero when an attempt may proceed.
  Seconds remaining(const LockoutState& state, Instant now) const;
  // The block that the n-th consecutive failure imposes.
  Seconds block_for(int consecutive_failures) const {
    return step_ * (consecutive_failures > free_failures_ ? consecutive_failures - free_failures_ : 0);
  }
  // True when the count no longer matters: the block has ended and no wrong PIN came for `reset_after`. A
  // forgotten count is the same as none, so storage may drop it whenever it likes.
  bool forgotten(const LockoutState& state, Instant now) const;
  // The state after one more wrong PIN at `now` (the repository does the same in one statement).
  LockoutState after_failure(const LockoutState& before, Instant now) const;
  // True when the failures in a row reached `lock_after`: blocked until an administrator resets the count.
  bool locked_for_good(const LockoutState& state) const {
    return lock_after_ > 0 && state.consecutive_failures >= lock_after_;
  }
  Seconds step() const { return step_; }
  Seconds reset_after() const { return reset_after_; }
  int lock_after() const { return lock_after_; }
  int free_failures() const { return free_failures_; }

 private:
  Seconds step_;
  Seconds reset_after_;
  int lock_after_;
  int free_failures_;
};

// The wait as people are told it: whole minutes, rounded up, at least 1.
long long minutes_to_wait(Seconds left);
// The clock time people are told for the next try ("alle 14:33"): the end of the block rounded up to the next
// whole minute, so that a try at the time said is never refused.
Instant next_try_at(Instant now, Seconds left);

}  // namespace sportello
