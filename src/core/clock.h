#pragma once
// Where "now" comes from. Every rule with a duration asks a Clock, so tests move time instead of sleeping.
// Instants are UTC seconds since the epoch (SPEC §10).
#include <atomic>
#include <chrono>

namespace sportello {

using Instant = std::chrono::sys_seconds;
using Seconds = std::chrono::seconds;
using Minutes = std::chrono::minutes;
using Hours = std::chrono::hours;
using Days = std::chrono::days;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

// The wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now());
  }
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant{Seconds{now_.load()}}; }
  void advance(Seconds by) { now_ += by.count(); }
  void set(Instant to) { now_ = to.time_since_epoch().count(); }

 private:
  std::atomic<long long> now_;
};

inline long long to_unix(Instant t) { return t.time_since_epoch().count(); }
inline Instant from_unix(long long s) { return Instant{Seconds{s}}; }

}  // namespace sportello
