#pragma once
// The federation tests' files under tests/data (crafted XML, a test IdP's metadata), read whole.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sportello::federation::testing {

// tests/data/<relative>, e.g. "xml/billion_laughs.xml".
inline std::string test_data(const std::string& relative) {
  const auto path = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "data" / relative;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace sportello::federation::testing
