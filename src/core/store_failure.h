#pragma once
// The one exception of the domain: a repository could not read or write (database down, constraint broken
// by a race). Only repositories throw it and only UnitOfWork::run catches it, rolling the transaction back
// and returning ErrorKind::unavailable, so no caller ever sees it.
#include <stdexcept>
#include <string>

namespace sportello {

class StoreFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sportello
