#include "credential/personal_pin_policy.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

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
  return Ok{};
}

}  // namespace sportello
