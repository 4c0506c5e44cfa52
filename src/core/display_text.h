#pragma once
// One line of text a person typed to be shown to others (a staff member's name, an organisation's name or
// office): surrounding spaces and tabs dropped, inner runs made one space. Pure.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sportello {

// nullopt when the result is empty, longer than `max_characters` (UTF-8 characters, not bytes) or the text
// holds a control character (a line break included).
std::optional<std::string> normalise_display_text(std::string_view typed, std::size_t max_characters);

// True when `text` holds an ASCII control character (U+0000–U+001F or DEL), a line break included.
bool has_control_character(std::string_view text);

}  // namespace sportello
