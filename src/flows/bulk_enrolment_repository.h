#pragma once
// Many citizens with PINs at once, for demo data and benchmarks (`sportelloctl demo seed --citizens N`): the
// PostgreSQL store loads them with COPY. Never a path for real people, who enrol one at a time through the flows
// (request, delivery, activation) with a PIN of their own.
#include <cstddef>
#include <span>
#include <string>

#include "core/clock.h"
#include "credential/level.h"
#include "identity/citizen.h"

namespace sportello {

class BulkEnrolmentRepository {
 public:
  virtual ~BulkEnrolmentRepository() = default;
  // Adds each citizen whose codice fiscale is not there yet (`id` is ignored), with an active credential of
  // `level` whose PIN hash is `pin_hash`, issued and changed at `at`, and that hash in its PIN history. Citizens
  // already there are left as they are. Returns how many were added.
  virtual std::size_t add_with_pin(std::span<const Citizen> citizens, const std::string& pin_hash, Level level,
                                   Instant at) = 0;
};

}  // namespace sportello
