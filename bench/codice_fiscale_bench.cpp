// Codice fiscale and Belfiore registry: load time of the registry, parse (plain and omocode), compute, the
// near misses offered for a place of birth that matched nothing.
// Run: build/bench/codice_fiscale_bench  (reads SPORTELLO_DATA_DIR, else the build's data folder)
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <cstdlib>
#include <filesystem>

#include "core/codice_fiscale.h"

namespace sportello {
namespace {

using namespace std::chrono_literals;

constexpr Date kToday = 2025y / 6 / 1;

std::filesystem::path data_dir() {
  const char* dir = std::getenv("SPORTELLO_DATA_DIR");
  return dir != nullptr && *dir != '\0' ? dir : SPORTELLO_DEFAULT_DATA_DIR;
}

void BM_BelfioreRegistryLoad(benchmark::State& state) {
  const std::filesystem::path dir = data_dir();
  for (auto _ : state) {
    auto registry = BelfioreRegistry::load(dir);
    if (!registry) {
      state.SkipWithError(registry.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(registry->size());
  }
}
BENCHMARK(BM_BelfioreRegistryLoad)->Unit(benchmark::kMillisecond);

// The heap a loaded registry holds (glibc's count of bytes in use), for bench/README.md's resting memory.
void BM_BelfioreRegistryMemory(benchmark::State& state) {
  const std::filesystem::path dir = data_dir();
  for (auto _ : state) {
    const std::size_t before = mallinfo2().uordblks;
    auto registry = BelfioreRegistry::load(dir);
    const std::size_t after = mallinfo2().uordblks;
    if (!registry) {
      state.SkipWithError(registry.error().message.c_str());
      return;
    }
    state.counters["heap_MiB"] = static_cast<double>(after - before) / (1 << 20);
    state.counters["places"] = static_cast<double>(registry->size());
  }
}
BENCHMARK(BM_BelfioreRegistryMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

// Runs `body(registry)` in the benchmark loop over a registry loaded once, outside the timing.
template <typename Body>
void with_registry(benchmark::State& state, Body body) {
  const auto registry = BelfioreRegistry::load(data_dir());
  if (!registry) {
    state.SkipWithError(registry.error().message.c_str());
    return;
  }
  for (auto _ : state) body(*registry);
}

void BM_CodiceFiscaleParse(benchmark::State& state, const char* code) {
  with_registry(state, [&](const BelfioreRegistry& places) {
    auto cf = CodiceFiscale::parse(code, places, kToday);
    benchmark::DoNotOptimize(cf);
  });
}
BENCHMARK_CAPTURE(BM_CodiceFiscaleParse, valid, "RSSMRA85T10A562S");
BENCHMARK_CAPTURE(BM_CodiceFiscaleParse, omocode, "RSSMRAURTMLARSNL");
BENCHMARK_CAPTURE(BM_CodiceFiscaleParse, wrong_check_character, "RSSMRA85T10A562T");

void BM_ComputeCodiceFiscale(benchmark::State& state, const char* place, const char* province) {
  const PersonForCodiceFiscale person{"Dell'Acqua", "Maria Grazia", Sex::female, 1985y / 12 / 10, place, province};
  with_registry(state, [&](const BelfioreRegistry& places) {
    auto code = compute_codice_fiscale(person, places);
    benchmark::DoNotOptimize(code);
  });
}
BENCHMARK_CAPTURE(BM_ComputeCodiceFiscale, by_name, "San Giuliano Terme", "PI");
BENCHMARK_CAPTURE(BM_ComputeCodiceFiscale, by_code, "A562", "");

// The names offered under a place of birth that matched nothing ("Forse intendeva: …"), once per refused form.
void BM_BelfioreNearMisses(benchmark::State& state, const char* typed) {
  with_registry(state, [&](const BelfioreRegistry& places) {
    auto names = places.near_misses(typed, 1990y / 1 / 1);
    benchmark::DoNotOptimize(names);
  });
}
BENCHMARK_CAPTURE(BM_BelfioreNearMisses, long_comune, "Castelnuovo di Val di Cecinna")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_BelfioreNearMisses, foreign_state, "Afganistan")->Unit(benchmark::kMicrosecond);

void BM_CheckAgreement(benchmark::State& state) {
  const auto places = BelfioreRegistry::load(data_dir());
  const auto cf = places ? CodiceFiscale::parse("RSSMRA85T10A562S", *places, kToday) : places.error();
  if (!cf) {
    state.SkipWithError(cf.error().message.c_str());
    return;
  }
  const DeclaredIdentity declared{"Rossi", "Mario", Sex::male, 1985y / 12 / 10, "A562"};
  for (auto _ : state) {
    auto status = check_agreement(*cf, declared);
    benchmark::DoNotOptimize(status);
  }
}
BENCHMARK(BM_CheckAgreement);

}  // namespace
}  // namespace sportello
