#pragma once
// Counters for /metrics in the Prometheus text format: requests by route and status, a latency
// histogram, login outcomes, and gauges read at scrape time (hash queue depth, outbox backlog).
// Thread-safe (guarded by mu_; the hot path takes the lock once per request).
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "http/server.h"

namespace sportello::http {

class Metrics {
 public:
  void record(const Exchange& exchange);
  void login(const std::string& outcome);  // "ok", "wrong", "blocked"
  // Renders everything; `gauges` are sampled now (name → value).
  std::string render(const std::map<std::string, double>& gauges) const;

 private:
  static constexpr std::array<double, 10> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, long long> requests_;  // (route, status); guarded by mu_
  std::array<long long, kBuckets.size() + 1> latency_counts_{};        // guarded by mu_
  double latency_sum_ = 0;                                             // guarded by mu_
  long long latency_count_ = 0;                                        // guarded by mu_
  std::map<std::string, long long> logins_;                            // guarded by mu_
};

}  // namespace sportello::http
