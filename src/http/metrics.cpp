#include "http/metrics.h"

#include <sstream>

namespace sportello::http {

void Metrics::record(const Exchange& e) {
  const double seconds = static_cast<double>(e.duration.count()) / 1e6;
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard lock(mu_);
  ++requests_[{e.method + " " + e.route, std::to_string(e.status)}];
  ++latency_counts_[bucket];
  latency_sum_ += seconds;
  ++latency_count_;
}

void Metrics::login(const std::string& outcome) {
  std::lock_guard lock(mu_);
  ++logins_[outcome];
}

std::string Metrics::render(const std::map<std::string, double>& gauges) const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP sportello_http_requests_total HTTP requests by route and status.\n"
         "# TYPE sportello_http_requests_total counter\n";
  for (const auto& [key, count] : requests_)
    out << "sportello_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count << "\n";
  out << "# HELP sportello_http_request_duration_seconds Time from a request's header to its answer.\n"
         "# TYPE sportello_http_request_duration_seconds histogram\n";
  long long cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += latency_counts_[i];
    out << "sportello_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << cumulative << "\n";
  }
  out << "sportello_http_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_count_ << "\n"
      << "sportello_http_request_duration_seconds_sum " << latency_sum_ << "\n"
      << "sportello_http_request_duration_seconds_count " << latency_count_ << "\n";
  out << "# HELP sportello_logins_total Citizen logins by outcome.\n# TYPE sportello_logins_total counter\n";
  for (const char* outcome : {"ok", "wrong", "blocked"}) {
    const auto it = logins_.find(outcome);
    out << "sportello_logins_total{outcome=\"" << outcome << "\"} " << (it == logins_.end() ? 0 : it->second) << "\n";
  }
  for (const auto& [name, value] : gauges) out << "# TYPE " << name << " gauge\n" << name << " " << value << "\n";
  return out.str();
}

}  // namespace sportello::http
