#include "http/throttle.h"

#include <algorithm>
#include <cmath>

namespace sportello::http {

Seconds Throttle::take(const std::string& address) {
  const long long now = to_unix(clock_.now());
  std::lock_guard lock(mu_);
  if (now - last_sweep_ > 60) forget_idle(now);
  auto [it, fresh] = buckets_.try_emplace(address, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) b.tokens = std::min(burst_, b.tokens + static_cast<double>(now - b.updated) * rate_per_second_);
  b.updated = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return Seconds{0};
  }
  return Seconds{static_cast<long long>(std::ceil((1.0 - b.tokens) / rate_per_second_))};
}

void Throttle::refund(const std::string& address) {
  std::lock_guard lock(mu_);
  if (auto it = buckets_.find(address); it != buckets_.end()) it->second.tokens = std::min(burst_, it->second.tokens + 1.0);
}

void Throttle::forget_idle(long long now) {
  // A bucket idle long enough to be full again holds nothing worth keeping.
  const double refill_seconds = burst_ / rate_per_second_;
  std::erase_if(buckets_, [&](const auto& entry) { return static_cast<double>(now - entry.second.updated) > refill_seconds; });
  last_sweep_ = now;
}

}  // namespace sportello::http
