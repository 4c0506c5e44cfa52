#pragma once
// The two levels of a PIN (SPEC §3): ordinario for consultation, dispositivo for applications and payments.
#include <optional>
#include <string_view>

namespace sportello {

enum class Level { ordinario, dispositivo };

constexpr const char* to_string(Level level) { return level == Level::dispositivo ? "dispositivo" : "ordinario"; }

inline std::optional<Level> parse_level(std::string_view text) {
  if (text == "ordinario") return Level::ordinario;
  if (text == "dispositivo") return Level::dispositivo;
  return std::nullopt;
}

}  // namespace sportello
