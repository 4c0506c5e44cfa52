#pragma once
// A made-up population for demo data and benchmarks (`sportelloctl demo seed --citizens N`, issue 13): the i-th
// person is always the same one, with a valid codice fiscale, an Italian name, a residence, a mobile number and an
// e-mail address; no two of the first hundreds of millions share a codice fiscale, because each has a birth place,
// birth date and sex of their own (a bijection on the index). Loaded in batches through the bulk enrolment (COPY
// on PostgreSQL), every one with an active PIN sharing one Argon2id hash. Never on a real institute's database.
#include <cstdint>
#include <functional>
#include <vector>

#include "app/app.h"
#include "core/belfiore.h"
#include "identity/citizen.h"

namespace sportello {

class DemoPopulation {
 public:
  explicit DemoPopulation(const BelfioreRegistry& places);
  // How many distinct people it can make.
  std::uint64_t capacity() const { return combinations_; }
  // The index-th person (index < capacity()), created at `at`; id 0.
  Result<Citizen> person(std::uint64_t index, Instant at) const;

 private:
  const BelfioreRegistry& places_;
  std::vector<BirthPlace> comuni_;
  std::uint64_t days_ = 0;
  std::uint64_t combinations_ = 0;
  std::uint64_t stride_ = 1;  // coprime with combinations_: index * stride spreads neighbours over the country
};

// The shared PIN of every seeded citizen.
inline constexpr const char* kDemoPopulationPin = "PIN2DEMO";

struct PopulationSeeded {
  std::uint64_t requested = 0, added = 0;
};

// Loads people 0 .. count-1 of the population, `batch` to a transaction; those already there are left alone, so a
// second run adds only what is missing. `progress` hears how many were looked at so far after each batch.
Result<PopulationSeeded> seed_demo_population(App& app, std::uint64_t count,
                                              const std::function<void(std::uint64_t done)>& progress = {},
                                              std::size_t batch = 20000);

}  // namespace sportello
