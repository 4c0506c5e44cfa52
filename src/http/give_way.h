#pragma once
// An I/O thread that serves flat out gives its core away now and then (decision 0028).
//
// An answer's send wakes the thread that waits for it. A browser's is far away, but a proxy's, a benchmark's or
// any other client's on this machine is not, and Linux, taking a socket's wake-up for one whose waker will soon
// sleep, most likely puts the woken thread on the waker's core. A thread that never sleeps keeps it waiting until
// its scheduler slice ends, a millisecond or more. Beside wrk on two cores that put GET /me's p99 over 2 ms in up
// to half the rounds. Giving the core away (sched_yield) at most once per interval bounds the wait to about the
// interval; it changes who goes first, and a yield with nobody waiting returns at once.
#include <chrono>

namespace sportello::http {

class GiveWay {
 public:
  using Clock = std::chrono::steady_clock;

  // After an answer has gone out at `now`: true when this thread last gave its core away `every` or longer ago,
  // and it counts as giving it now. `every` zero: never.
  bool due(Clock::time_point now, std::chrono::microseconds every) {
    if (every.count() <= 0 || now - last_ < every) return false;
    last_ = now;
    return true;
  }

 private:
  Clock::time_point last_{};
};

// Lets the threads that wait for the calling thread's core run first (sched_yield); returns at once when none does.
void give_core_away();

}  // namespace sportello::http
