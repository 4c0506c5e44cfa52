// Italian IBANs: typed with spaces or in lower case they are read; a wrong check digit, another country or
// a wrong length is refused.
#include "core/iban.h"

#include <gtest/gtest.h>

namespace sportello {
namespace {

TEST(Iban, ItalianIbansAreReadAsPeopleTypeThem) {
  struct Case { const char* typed; const char* electronic; };
  const Case cases[] = {
      {"IT60X0542811101000000123456", "IT60X0542811101000000123456"},
      {"IT60 X054 2811 1010 0000 0123 456", "IT60X0542811101000000123456"},
      {"it60x0542811101000000123456", "IT60X0542811101000000123456"},
      {"IT42L1234512345123456789012", "IT42L1234512345123456789012"},
      {"IT61X0542811101000000123456", nullptr},   // check digits do not hold
      {"IT60X054281110100000012345", nullptr},    // 26 characters
      {"DE89370400440532013000", nullptr},        // not Italian
      {"IT60 1054 2811 1010 0000 0123 456", nullptr},  // the CIN must be a letter
      {"", nullptr},
  };
  for (const Case& c : cases) {
    const auto read = parse_italian_iban(c.typed);
    if (c.electronic) EXPECT_EQ(read, std::optional<std::string>(c.electronic)) << c.typed;
    else EXPECT_FALSE(read) << c.typed;
  }
  EXPECT_EQ(format_iban("IT60X0542811101000000123456"), "IT60 X054 2811 1010 0000 0123 456");
}

}  // namespace
}  // namespace sportello
