#include "core/display_text.h"

namespace sportello {

std::optional<std::string> normalise_display_text(std::string_view typed, std::size_t max_characters) {
  std::string text;
  std::size_t characters = 0;
  bool space = false;
  for (const char c : typed) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == ' ' || c == '\t') {
      space = !text.empty();
      continue;
    }
    if (byte < 0x20 || byte == 0x7f) return std::nullopt;
    if (space) {
      text += ' ';
      ++characters;
      space = false;
    }
    text += c;
    if ((byte & 0xC0) != 0x80) ++characters;  // a UTF-8 continuation byte is part of the character before it
    if (characters > max_characters) return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  return text;
}

bool has_control_character(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

}  // namespace sportello
