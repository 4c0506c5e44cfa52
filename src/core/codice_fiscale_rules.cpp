#include "core/codice_fiscale_rules.h"

#include <algorithm>
#include <iterator>

#include "core/latin_fold.h"

namespace sportello {
namespace {

constexpr std::string_view kMonthLetters = "ABCDEHLMPRST";
constexpr std::string_view kVowels = "AEIOU";

// Values of the characters in odd positions (1st, 3rd, … 15th) for the check character, indexed by the
// digit 0–9 or the letter A–Z (a digit weighs as the letter in the same place of the alphabet).
constexpr std::array<int, 26> kOddValues = {1,  0,  5,  7,  9,  13, 15, 17, 19, 21, 2,  4,  18,
                                            20, 11, 3,  6,  8,  12, 14, 16, 10, 22, 25, 24, 23};

bool is_upper_letter(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_vowel(char c) { return kVowels.find(c) != std::string_view::npos; }

// Consonants first, then vowels, both in their order in the text.
std::string consonants_then_vowels(const std::string& letters) {
  std::string ordered;
  std::copy_if(letters.begin(), letters.end(), std::back_inserter(ordered), [](char c) { return !is_vowel(c); });
  std::copy_if(letters.begin(), letters.end(), std::back_inserter(ordered), is_vowel);
  return ordered;
}

std::string first_three_padded(std::string letters) {
  letters.resize(std::min<std::size_t>(letters.size(), 3));
  letters.append(3 - letters.size(), 'X');
  return letters;
}

}  // namespace

bool is_digit_position(std::size_t pos) {
  return std::find(kCodiceFiscaleDigitPositions.begin(), kCodiceFiscaleDigitPositions.end(), pos) !=
         kCodiceFiscaleDigitPositions.end();
}

std::size_t first_malformed_position(std::string_view code) {
  for (std::size_t pos = 0; pos < kCodiceFiscaleLength; ++pos) {
    const char c = code[pos];
    const bool right = is_digit_position(pos) ? omocodia_digit(c).has_value() : is_upper_letter(c);
    if (!right) return pos;
  }
  return kCodiceFiscaleLength;
}

std::optional<char> omocodia_digit(char c) {
  if (is_digit(c)) return c;
  const std::size_t index = kOmocodiaLetters.find(c);
  if (index == std::string_view::npos) return std::nullopt;
  return static_cast<char>('0' + index);
}

char omocodia_letter(char digit) { return kOmocodiaLetters[static_cast<std::size_t>(digit - '0')]; }

std::string without_omocodia(std::string_view code) {
  std::string digits(code);
  for (const std::size_t pos : kCodiceFiscaleDigitPositions) digits[pos] = *omocodia_digit(digits[pos]);
  return digits;
}

std::string coding_letters(std::string_view text) {
  std::string letters = fold_latin_upper(text);
  letters.erase(std::remove_if(letters.begin(), letters.end(), [](char c) { return !is_upper_letter(c); }),
                letters.end());
  return letters;
}

std::string surname_code(std::string_view surname) {
  return first_three_padded(consonants_then_vowels(coding_letters(surname)));
}

std::string name_code(std::string_view name) {
  const std::string letters = coding_letters(name);
  std::string consonants;
  std::copy_if(letters.begin(), letters.end(), std::back_inserter(consonants), [](char c) { return !is_vowel(c); });
  if (consonants.size() >= 4) return {consonants[0], consonants[2], consonants[3]};
  return first_three_padded(consonants_then_vowels(letters));
}

char month_letter(unsigned month) { return kMonthLetters[month - 1]; }

std::optional<unsigned> month_from_letter(char letter) {
  const std::size_t index = kMonthLetters.find(letter);
  if (index == std::string_view::npos) return std::nullopt;
  return static_cast<unsigned>(index + 1);
}

char check_character(std::string_view first15) {
  int sum = 0;
  for (std::size_t pos = 0; pos < 15; ++pos) {
    const char c = first15[pos];
    const int value = is_digit(c) ? c - '0' : c - 'A';
    sum += pos % 2 == 0 ? kOddValues[static_cast<std::size_t>(value)] : value;  // pos 0 is the 1st: odd
  }
  return static_cast<char>('A' + sum % 26);
}

std::vector<std::string> omocodia_variants(std::string_view code) {
  if (code.size() != kCodiceFiscaleLength || first_malformed_position(code) != kCodiceFiscaleLength) return {};
  std::string variant = without_omocodia(code);
  std::vector<std::string> variants;
  for (auto pos = kCodiceFiscaleDigitPositions.rbegin(); pos != kCodiceFiscaleDigitPositions.rend(); ++pos) {
    variant[*pos] = omocodia_letter(variant[*pos]);
    variant[15] = check_character(variant);
    variants.push_back(variant);
  }
  return variants;
}

}  // namespace sportello
