#pragma once
// Storage of citizens. Implemented in store/; used inside a UnitOfWork transaction.
// Storage failures are thrown as StoreFailure (core/store_failure.h) and become ErrorKind::unavailable there.
#include <optional>
#include <string>

#include "identity/citizen.h"

namespace sportello {

class CitizenRepository {
 public:
  virtual ~CitizenRepository() = default;
  virtual std::optional<Citizen> find_by_codice_fiscale(const std::string& codice_fiscale) = 0;
  virtual std::optional<Citizen> find(std::int64_t id) = 0;
  // Inserts and returns the new id.
  virtual std::int64_t insert(const Citizen& citizen) = 0;
  virtual void update(const Citizen& citizen) = 0;
};

}  // namespace sportello
