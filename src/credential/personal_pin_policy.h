#pragma once
// The rules a personal 8-character PIN must meet (SPEC §3): exactly the configured length, letters and
// digits only with at least one of each, nothing derived from the holder's codice fiscale, birth date, name or
// surname.
// Reuse of the last N PINs is checked by the change flow against stored hashes. Pure.
#include <string>
#include <string_view>

#include "core/civil_time.h"
#include "core/result.h"

namespace sportello {

struct PinOwnerFacts {
  std::string codice_fiscale;  // normalised
  Date birth_date{};
  std::string surname{}, name{};  // as registered ("De Luca", "Niccolò"); empty when unknown
};

class PersonalPinPolicy {
 public:
  explicit PersonalPinPolicy(int length = 8) : length_(length) {}
  // Errors (field "new_pin"): pin-length, pin-characters, pin-needs-letter-and-digit,
  // pin-derived-from-codice-fiscale, pin-derived-from-birth-date, pin-contains-name (the PIN's letters, in
  // order and whatever their case, hold a word of 3 or more letters of the name or surname, or all the
  // letters of a name of several words, "De Luca" → DELUCA; accents folded, so "Niccolò" refuses "niccolo1").
  Status check(std::string_view pin, const PinOwnerFacts& owner) const;
  int length() const { return length_; }

 private:
  int length_;
};

}  // namespace sportello
