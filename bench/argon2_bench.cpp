// Argon2id verification throughput at the default parameters (m=19456 KiB, t=2, p=1): the login ceiling.
// Compares Argon2Hasher (libargon2, one reused buffer per thread) with libsodium's crypto_pwhash_str_verify
// and with libargon2 allocating per hash. items_per_second is verifies per second over all threads.
// Run: build/bench/argon2_bench --benchmark_min_time=3
#include <argon2.h>
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <cstdlib>
#include <string>

#include "credential/argon2_hasher.h"

namespace {

using sportello::Argon2Hasher;
using sportello::Argon2Params;

constexpr const char* kPin = "Pin12345";
constexpr std::size_t kPinLength = 8;

const Argon2Hasher& hasher() {
  static const Argon2Hasher instance{Argon2Params{}};
  return instance;
}

const std::string& our_hash() {
  static const std::string encoded = hasher().hash(kPin);
  return encoded;
}

const std::string& sodium_hash() {
  static const std::string encoded = [] {
    if (sodium_init() < 0) std::abort();
    const Argon2Params p{};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, kPin, kPinLength, p.iterations, std::size_t{p.memory_kib} * 1024,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
      std::abort();
    }
    return std::string(out);
  }();
  return encoded;
}

void Argon2HasherVerify(benchmark::State& state) {
  const std::string& encoded = our_hash();
  for (auto _ : state) {
    if (!hasher().verify(encoded, kPin)) state.SkipWithError("verify refused the right PIN");
  }
  state.SetItemsProcessed(state.iterations());
}

void LibsodiumPwhashStrVerify(benchmark::State& state) {
  const std::string& encoded = sodium_hash();
  for (auto _ : state) {
    if (crypto_pwhash_str_verify(encoded.c_str(), kPin, kPinLength) != 0) {
      state.SkipWithError("libsodium refused the right PIN");
    }
  }
  state.SetItemsProcessed(state.iterations());
}

// libargon2's own verify, which mallocs and frees the ~19 MiB of blocks on every call.
void Libargon2VerifyAllocatingPerHash(benchmark::State& state) {
  const std::string& encoded = our_hash();
  for (auto _ : state) {
    if (argon2id_verify(encoded.c_str(), kPin, kPinLength) != ARGON2_OK) {
      state.SkipWithError("libargon2 refused the right PIN");
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void Register(benchmark::internal::Benchmark* b) {
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(Argon2HasherVerify)->Apply(Register)->Threads(1)->Threads(2);
BENCHMARK(LibsodiumPwhashStrVerify)->Apply(Register)->Threads(1)->Threads(2);
BENCHMARK(Libargon2VerifyAllocatingPerHash)->Apply(Register)->Threads(1)->Threads(2);

}  // namespace
