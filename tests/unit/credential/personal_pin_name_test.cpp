// Issue 14: a personal PIN may not contain the holder's name or surname, as it may not contain the codice
// fiscale or the birth date. Letters only, any case, accents folded; words shorter than 3 letters ignored.
#include <gtest/gtest.h>

#include "credential/personal_pin_policy.h"

namespace sportello {
namespace {

using namespace std::chrono;

PinOwnerFacts owner(const char* name, const char* surname) {
  return {"RSSMRA85T10A562S", year{1985} / December / day{10}, surname, name};
}

TEST(PersonalPinName, APinHoldingTheNameOrSurnameIsRefused) {
  struct Case {
    const char *name, *surname, *pin;
    bool refused;
  };
  const Case cases[] = {
      {"Mario", "Rossi", "MARIO123", true},
      {"Mario", "Rossi", "mario123", true},
      {"Mario", "Rossi", "1rossi23", true},
      {"Mario", "Rossi", "RO5SI123", false},       // not the surname's letters in order once the digit goes
      {"Mario", "Rossi", "RO5SSI12", true},        // letters only: R O S S I
      {"Niccolò", "Bianchi", "NICCOLO7", true},    // accent folded
      {"Niccolò", "Bianchi", "niccol07", false},   // a zero is not an O
      {"Maria Grazia", "Li", "GRAZIA12", true},    // each word of the name
      {"Maria Grazia", "Li", "LILI2024", false},   // "Li" is too short to refuse
      {"Anna", "De Luca", "DELUCA12", true},       // the surname's words joined
      {"Anna", "De Luca", "DEBI7834", false},      // "De" alone is too short
      {"Anna", "D'Angelo", "ANGELO99", true},      // apostrophe: the letters around it
      {"Anna", "D'Angelo", "DANGELO1", true},
      {"Ugo", "Fo", "UGO12345", true},             // exactly 3 letters count
      {"Ugo", "Fo", "FOFO1234", false},
      {"", "", "CASA2026", false},                 // names unknown: nothing to compare
      {"Mario", "Rossi", "CASA2026", false},
  };
  const PersonalPinPolicy policy(8);
  for (const Case& c : cases) {
    const Status status = policy.check(c.pin, owner(c.name, c.surname));
    if (c.refused) {
      ASSERT_FALSE(status.ok()) << c.pin;
      EXPECT_EQ(status.error().code, "pin-contains-name") << c.pin;
      EXPECT_EQ(status.error().field, "new_pin");
    } else {
      EXPECT_TRUE(status.ok()) << c.pin << ": " << status.error().code;
    }
  }
}

}  // namespace
}  // namespace sportello
