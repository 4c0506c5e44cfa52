#include "core/latin_fold.h"

#include <cstdint>

namespace sportello {
namespace {

// Base letters of U+00C0–U+00FF, one entry per code point; "" for × and ÷, which are not letters.
constexpr const char* kLatin1[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",   // U+00C0
    "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "SS",  // U+00D0
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",   // U+00E0
    "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "Y",   // U+00F0
};

// Latin Extended-A (U+0100–U+017F) as runs of code points sharing a base letter.
struct Run {
  std::uint16_t last;  // last code point of the run; the run starts after the previous one
  const char* base;
};
constexpr Run kExtendedA[] = {
    {0x105, "A"},  {0x10D, "C"}, {0x111, "D"}, {0x11B, "E"}, {0x123, "G"},  {0x127, "H"},
    {0x131, "I"},  {0x133, "IJ"}, {0x135, "J"}, {0x138, "K"}, {0x142, "L"}, {0x14B, "N"},
    {0x151, "O"},  {0x153, "OE"}, {0x159, "R"}, {0x161, "S"}, {0x167, "T"}, {0x173, "U"},
    {0x175, "W"},  {0x178, "Y"},  {0x17E, "Z"}, {0x17F, "S"},
};

const char* base_letters(std::uint32_t code_point) {
  if (code_point >= 0xC0 && code_point <= 0xFF) return kLatin1[code_point - 0xC0];
  if (code_point >= 0x100 && code_point <= 0x17F) {
    for (const Run& run : kExtendedA)
      if (code_point <= run.last) return run.base;
  }
  if (code_point >= 0x300 && code_point <= 0x36F) return "";  // combining mark: dropped
  return nullptr;
}

// Decodes the two-byte UTF-8 sequence at text[i] (the only length that can hold a Latin letter or a
// combining mark); 0 when text[i] does not start one.
std::uint32_t two_byte_code_point(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if ((lead & 0xE0) != 0xC0 || i + 1 >= text.size()) return 0;
  const auto next = static_cast<unsigned char>(text[i + 1]);
  if ((next & 0xC0) != 0x80) return 0;
  return ((lead & 0x1Fu) << 6) | (next & 0x3Fu);
}

}  // namespace

std::string fold_latin_upper(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const char c = utf8[i];
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
      continue;
    }
    if (const std::uint32_t cp = two_byte_code_point(utf8, i); cp != 0) {
      if (const char* base = base_letters(cp)) {
        out += base;
        ++i;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace sportello
