#pragma once
// A short memory of what read-only flows read, so that hot reads (GET /me: the session, the holder) cost no
// SQL. An entry serves only while no transaction has committed in this process since it was read (the
// UnitOfWork's generation) and for at most `ttl`: this process's own writes are seen at once, another
// process's within `ttl`. A ttl of zero keeps nothing. Thread-safe (a mutex per shard).
#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace sportello {

template <typename Value>
class ReadCache {
 public:
  explicit ReadCache(Seconds ttl, std::size_t max_entries = 65536)
      : ttl_(ttl), max_per_shard_(std::max<std::size_t>(1, max_entries / kShards)) {}

  std::optional<Value> find(const std::string& key, std::uint64_t generation, Instant now) const {
    if (ttl_.count() <= 0) return std::nullopt;
    const Shard& shard = shard_for(key);
    std::lock_guard lock(shard.mu);
    const auto found = shard.entries.find(key);
    if (found == shard.entries.end()) return std::nullopt;
    const Entry& e = found->second;
    if (e.generation != generation || now >= e.read_at + ttl_ || now < e.read_at) return std::nullopt;
    return e.value;
  }

  // `generation` must be the one seen before the read, so that a write committed meanwhile makes it stale.
  void put(const std::string& key, Value value, std::uint64_t generation, Instant now) {
    if (ttl_.count() <= 0) return;
    Shard& shard = shard_for(key);
    std::lock_guard lock(shard.mu);
    if (shard.entries.size() >= max_per_shard_) shard.entries.clear();  // crude, and rare: keeps memory bounded
    shard.entries.insert_or_assign(key, Entry{std::move(value), generation, now});
  }

 private:
  static constexpr std::size_t kShards = 16;
  struct Entry {
    Value value;
    std::uint64_t generation;
    Instant read_at;
  };
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<std::string, Entry> entries;
  };
  const Shard& shard_for(const std::string& key) const { return shards_[std::hash<std::string>{}(key) % kShards]; }
  Shard& shard_for(const std::string& key) { return shards_[std::hash<std::string>{}(key) % kShards]; }

  Seconds ttl_;
  std::size_t max_per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace sportello
