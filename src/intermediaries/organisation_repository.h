#pragma once
// Storage of patronati. Implemented in store/; used inside a UnitOfWork transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "intermediaries/organisation.h"

namespace sportello {

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  // Returns the new id. The code is unique (the caller checks first; a race throws StoreFailure).
  virtual std::int64_t insert(const Organisation& organisation) = 0;
  // Stores name, offices and disabled.
  virtual void update(const Organisation& organisation) = 0;
  virtual std::optional<Organisation> find(std::int64_t id) = 0;
  virtual std::optional<Organisation> find_by_code(const std::string& code) = 0;
  // By code.
  virtual std::vector<Organisation> list() = 0;
};

}  // namespace sportello
