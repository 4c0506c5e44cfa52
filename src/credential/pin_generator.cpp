#include "credential/pin_generator.h"

#include <cctype>

#include "core/random.h"

namespace sportello {

IssuedPin generate_issued_pin() {
  const std::string pin = random_string(kPinAlphabet, kIssuedPinLength);
  return IssuedPin{pin.substr(0, kIssuedPinLength / 2), pin.substr(kIssuedPinLength / 2)};
}

std::string normalise_typed_pin(std::string_view typed) {
  std::string out;
  out.reserve(typed.size());
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace sportello
