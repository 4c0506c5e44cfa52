#pragma once
// The Belfiore registry of data/ for the core tests, loaded once per test binary: it is immutable, so
// sharing it between tests is safe. The folder comes from SPORTELLO_DATA_DIR (set by CTest), else from the
// build's default.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/belfiore.h"

namespace sportello::test_data {

inline std::filesystem::path data_dir() {
  const char* dir = std::getenv("SPORTELLO_DATA_DIR");
  return dir != nullptr && *dir != '\0' ? dir : SPORTELLO_DEFAULT_DATA_DIR;
}

inline const BelfioreRegistry& registry() {
  static const BelfioreRegistry loaded = [] {
    auto result = BelfioreRegistry::load(data_dir());
    if (!result) {
      ADD_FAILURE() << result.error().message;
      std::abort();
    }
    return std::move(result).value();
  }();
  return loaded;
}

}  // namespace sportello::test_data
