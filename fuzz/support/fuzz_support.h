#pragma once
// What the fuzz targets share: the Belfiore registry loaded once, fixed days to judge dates against, splitting
// an input into the parts a target feeds to the product, and FUZZ_CHECK for properties that must hold (a
// failed one aborts, so libFuzzer saves the input like any crash).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/belfiore.h"
#include "core/civil_time.h"

namespace sportello::fuzz {

// The registry from SPORTELLO_DATA_DIR, else the repository's data/; aborts when it cannot be read.
const BelfioreRegistry& places();

// Days the targets judge dates against: a day of the present and one near a century's turn.
inline constexpr Date kToday{std::chrono::year{2026}, std::chrono::month{3}, std::chrono::day{15}};
inline constexpr Date kCenturyTurn{std::chrono::year{2000}, std::chrono::month{1}, std::chrono::day{1}};

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// `text` cut at every `separator` (empty parts kept).
std::vector<std::string_view> split(std::string_view text, char separator);

// "key=value" lines (the first '=' splits; a line without one is a key with an empty value), in order.
std::vector<std::pair<std::string, std::string>> key_values(std::string_view lines);

[[noreturn]] void property_failed(const char* condition, const char* file, int line, const std::string& detail);

}  // namespace sportello::fuzz

#define FUZZ_CHECK(condition, detail)                                                          \
  do {                                                                                         \
    if (!(condition)) ::sportello::fuzz::property_failed(#condition, __FILE__, __LINE__, (detail)); \
  } while (false)
