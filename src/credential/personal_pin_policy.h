#pragma once
// The rules a personal 8-character PIN must meet (SPEC §3): exactly the configured length, letters and
// digits only with at least one of each, nothing derived from the holder's codice fiscale or birth date.
// Reuse of the last N PINs is checked by the change flow against stored hashes. Pure.
#include <string>
#include <string_view>

#include "core/civil_time.h"
#include "core/result.h"

namespace sportello {

struct PinOwnerFacts {
  std::string codice_fiscale;  // normalised
  Date birth_date{};
};

class PersonalPinPolicy {
 public:
  explicit PersonalPinPolicy(int length = 8) : length_(length) {}
  // Errors (field "new_pin"): pin-length, pin-characters, pin-needs-letter-and-digit,
  // pin-derived-from-codice-fiscale, pin-derived-from-birth-date.
  Status check(std::string_view pin, const PinOwnerFacts& owner) const;
  int length() const { return length_; }

 private:
  int length_;
};

}  // namespace sportello
