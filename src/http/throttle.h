#pragma once
// Per-address token buckets for the endpoints that check a secret or send a message (issue 3): each
// client address may spend `burst` requests at once and earns `rate_per_minute` back, so one source cannot
// try PINs for many holders or flood someone's phone. Thread-safe (guarded by mu_).
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace sportello::http {

class Throttle {
 public:
  Throttle(double rate_per_minute, double burst, const Clock& clock)
      : rate_per_second_(rate_per_minute / 60.0), burst_(burst), clock_(clock) {}
  // Zero when the request may go ahead (and a token is spent); otherwise how long to wait.
  Seconds take(const std::string& address);
  // Gives one token back (up to the burst): for a request that was refused before it cost anything, such as
  // a form with a typo, so that people who mistype are not counted as a flood.
  void refund(const std::string& address);

 private:
  struct Bucket {
    double tokens;
    long long updated;
  };
  void forget_idle(long long now);
  double rate_per_second_;
  double burst_;
  const Clock& clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // Guarded by mu_.
  long long last_sweep_ = 0;                          // Guarded by mu_.
};

}  // namespace sportello::http
