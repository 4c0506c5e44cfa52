#include "credential/pin_generator.h"

#include "core/random.h"
#include "core/typed_code.h"

namespace sportello {

IssuedPin generate_issued_pin() {
  const std::string pin = random_string(kPinAlphabet, kIssuedPinLength);
  return IssuedPin{pin.substr(0, kIssuedPinLength / 2), pin.substr(kIssuedPinLength / 2)};
}

std::string normalise_typed_pin(std::string_view typed) { return normalise_typed_code(typed); }

}  // namespace sportello
