#include "credential/personal_pin_policy.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

#include "core/latin_fold.h"

namespace sportello {
namespace {

constexpr std::size_t kLongestBorrowedRun = 4;  // 4 characters in a row from the codice fiscale = derived

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool shares_run(const std::string& pin, const std::string& source, std::size_t run) {
  if (source.size() < run) return false;
  for (std::size_t i = 0; i + run <= source.size(); ++i)
    if (pin.find(source.substr(i, run)) != std::string::npos) return true;
  return false;
}

// The ways people write their birth date inside a PIN: YYYY, DDMM, MMDD, DDMMYY, YYMMDD.
std::vector<std::string> birth_date_fragments(Date born) {
  char buf[16];
  const int y = int(born.year());
  const unsigned m = unsigned(born.month()), d = unsigned(born.day());
  std::vector<std::string> fragments;
  std::snprintf(buf, sizeof buf, "%04d", y); fragments.emplace_back(buf);
  std::snprintf(buf, sizeof buf, "%02u%02u", d, m); fragments.emplace_back(buf);
  std::snprintf(buf, sizeof buf, "%02u%02u", m, d); fragments.emplace_back(buf);
  std::snprintf(buf, sizeof buf, "%02u%02u%02d", d, m, y % 100); fragments.emplace_back(buf);
  std::snprintf(buf, sizeof buf, "%02d%02u%02u", y % 100, m, d); fragments.emplace_back(buf);
  return fragments;
}

constexpr std::size_t kShortestName = 3;  // "Li", "Bo", "De" are too common to refuse

bool is_letter(char c) { return c >= 'A' && c <= 'Z'; }

std::string letters_only(std::string_view upper_ascii) {
  std::string out;
  for (const char c : upper_ascii)
    if (is_letter(c)) out += c;
  return out;
}

// The words of a name ("Maria Grazia", "D'Angelo", "De Luca") in folded capitals, each at least
// kShortestName letters, and the whole name's letters ("DELUCA") when it has several words.
std::vector<std::string> name_words(std::string_view text) {
  const std::string folded = fold_latin_upper(text);
  std::vector<std::string> words;
  std::string word;
  for (const char c : folded + " ") {
    if (is_letter(c)) {
      word += c;
    } else if (!word.empty()) {
      if (word.size() >= kShortestName) words.push_back(word);
      word.clear();
    }
  }
  const std::string whole = letters_only(folded);
  if (whole.size() >= kShortestName && std::find(words.begin(), words.end(), whole) == words.end()) words.push_back(whole);
  return words;
}

bool contains_name(const std::string& pin, const PinOwnerFacts& owner) {
  const std::string letters = letters_only(pin);
  for (const std::string* part : {&owner.surname, &owner.name})
    for (const std::string& word : name_words(*part))
      if (letters.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace

Status PersonalPinPolicy::check(std::string_view typed, const PinOwnerFacts& owner) const {
  const std::string pin = upper(typed);
  if (pin.size() != static_cast<std::size_t>(length_))
    return Error::invalid("pin-length", "The new PIN must have exactly " + std::to_string(length_) + " characters.",
                          "new_pin");
  if (!std::all_of(pin.begin(), pin.end(), [](unsigned char c) { return std::isalnum(c) && c < 0x80; }))
    return Error::invalid("pin-characters", "The new PIN may contain only letters and digits.", "new_pin");
  const bool has_letter = std::any_of(pin.begin(), pin.end(), [](unsigned char c) { return std::isalpha(c); });
  const bool has_digit = std::any_of(pin.begin(), pin.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!has_letter || !has_digit)
    return Error::invalid("pin-needs-letter-and-digit", "The new PIN needs at least one letter and one digit.",
                          "new_pin");
  if (shares_run(pin, upper(owner.codice_fiscale), kLongestBorrowedRun))
    return Error::invalid("pin-derived-from-codice-fiscale", "The new PIN must not contain part of your codice fiscale.",
                          "new_pin");
  if (owner.birth_date.ok()) {
    for (const std::string& fragment : birth_date_fragments(owner.birth_date))
      if (pin.find(fragment) != std::string::npos)
        return Error::invalid("pin-derived-from-birth-date", "The new PIN must not contain your birth date.", "new_pin");
  }
  if (contains_name(pin, owner))
    return Error::invalid("pin-contains-name", "The new PIN must not contain your name or surname.", "new_pin");
  return Ok{};
}

}  // namespace sportello
