// Argon2id throughput at the default parameters (m=19456 KiB, t=2, p=1): the login ceiling. A login with the
// right or a wrong PIN is one verify; a new or changed PIN is one hash. items_per_second counts them over all
// threads. Argon2Hasher is libsodium's Argon2id (decision 0022); the figures before it are in bench/README.md.
// Run: build/bench/argon2_bench --benchmark_min_time=3
#include <benchmark/benchmark.h>

#include <string>

#include "credential/argon2_hasher.h"

namespace {

using sportello::Argon2Hasher;
using sportello::Argon2Params;

constexpr const char* kPin = "Pin12345";

const Argon2Hasher& hasher() {
  static const Argon2Hasher instance{Argon2Params{}};
  return instance;
}

void Argon2HasherVerify(benchmark::State& state) {
  static const std::string encoded = hasher().hash(kPin);
  for (auto _ : state) {
    if (!hasher().verify(encoded, kPin)) state.SkipWithError("verify refused the right PIN");
  }
  state.SetItemsProcessed(state.iterations());
}

void Argon2HasherHash(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(hasher().hash(kPin));
  state.SetItemsProcessed(state.iterations());
}

void Register(benchmark::internal::Benchmark* b) {
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(Argon2HasherVerify)->Apply(Register)->Threads(1)->Threads(2);
BENCHMARK(Argon2HasherHash)->Apply(Register)->Threads(1)->Threads(2);

}  // namespace
