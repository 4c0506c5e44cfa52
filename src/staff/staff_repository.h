#pragma once
// Storage of staff accounts. Implemented in store/; used inside a UnitOfWork transaction.
#include <optional>
#include <string>
#include <vector>

#include "staff/staff_account.h"

namespace sportello {

class StaffRepository {
 public:
  virtual ~StaffRepository() = default;
  virtual std::optional<StaffAccount> find_by_username(const std::string& username) = 0;
  virtual std::optional<StaffAccount> find(std::int64_t id) = 0;
  virtual std::int64_t insert(const StaffAccount& account) = 0;
  virtual void update(const StaffAccount& account) = 0;
  virtual std::vector<StaffAccount> list() = 0;
};

}  // namespace sportello
