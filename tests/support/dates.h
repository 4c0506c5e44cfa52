#pragma once
// A calendar day written as the tests think of it: ymd(1972, 3, 5).
#include "core/civil_time.h"

namespace sportello::testing {

inline Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

}  // namespace sportello::testing
