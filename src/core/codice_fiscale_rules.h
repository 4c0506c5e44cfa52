#pragma once
// The rules of the codice fiscale (DM 23/12/1976) that need no registry of places: the layout of the 16
// characters, the surname and name codes, the month letters, omocodia and the check character.
// Pure functions; thread-safe.
//
// Layout (0-based): 0–2 surname, 3–5 name, 6–7 year, 8 month letter, 9–10 day (+40 for women),
// 11–14 Belfiore code of the birth place (a letter and three digits), 15 check character.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sportello {

inline constexpr std::size_t kCodiceFiscaleLength = 16;

// The seven positions that hold digits, left to right; omocodia replaces them from the right.
inline constexpr std::array<std::size_t, 7> kCodiceFiscaleDigitPositions = {6, 7, 9, 10, 12, 13, 14};

// The letters omocodia writes for the digits 0–9, in order.
inline constexpr std::string_view kOmocodiaLetters = "LMNPQRSTUV";

// Whether position `pos` holds a digit (or its omocodia letter) rather than a letter.
bool is_digit_position(std::size_t pos);

// The first position (0-based) whose character is not of the kind the layout wants there — an upper-case
// letter, or a digit or omocodia letter — or kCodiceFiscaleLength when all 16 are right. REQUIRES: 16 bytes.
std::size_t first_malformed_position(std::string_view code);

// The digit an omocodia letter stands for; a digit stands for itself; empty for anything else.
std::optional<char> omocodia_digit(char c);
// The omocodia letter of a digit ('0' → 'L' … '9' → 'V'). REQUIRES: a digit.
char omocodia_letter(char digit);
// The code with every omocodia letter in a digit position turned back into its digit; other characters,
// the check character included, are unchanged. REQUIRES: a well-formed 16-character code.
std::string without_omocodia(std::string_view code);

// The upper-case letters A–Z of a person's name or surname, accents removed (À→A, Ç→C) and everything else
// (apostrophes, spaces, hyphens) dropped: "D'Angelo" → "DANGELO", "Niccolò" → "NICCOLO".
std::string coding_letters(std::string_view text);

// Three letters for a surname: its consonants, then its vowels, then X, the first three of them.
std::string surname_code(std::string_view surname);
// Three letters for a name: as for a surname, except that a name with four or more consonants takes the
// first, third and fourth consonant ("Gianfranco" → "GFR").
std::string name_code(std::string_view name);

// The month letter: 1 → 'A' … 12 → 'T' from "ABCDEHLMPRST". REQUIRES: 1 <= month <= 12.
char month_letter(unsigned month);
// The month (1–12) of a month letter; empty for a letter outside ABCDEHLMPRST.
std::optional<unsigned> month_from_letter(char letter);

// The check character of the first 15 characters of a code (odd positions weighted by the official table,
// even positions by their value, sum modulo 26 as a letter). REQUIRES: 15 upper-case letters or digits.
char check_character(std::string_view first15);

// The seven omocodia variants of a code, as the Agenzia delle Entrate assigns them: the first replaces the
// rightmost digit with its letter, each next one also the digit to the left of the last one replaced, and
// each has its own check character. Accepts a code already omocode (it starts again from its digits);
// returns an empty vector for a string that is not a well-formed 16-character code.
std::vector<std::string> omocodia_variants(std::string_view code);

}  // namespace sportello
