// staff/staff_account: a display name as an administrator types it.
#include <gtest/gtest.h>

#include "staff/staff_account.h"

namespace sportello {
namespace {

struct NameCase {
  const char* typed;
  std::optional<std::string> kept;
};

TEST(StaffFullName, SpacesAreTidiedAndEmptyTooLongOrControlCharactersRefused) {
  const std::string longest(kMaxFullName - 1, 'a');
  const NameCase cases[] = {
      {"Laura Verdi", "Laura Verdi"},
      {"  Laura \t  Verdi  ", "Laura Verdi"},
      {"Niccolò D'Amico", "Niccolò D'Amico"},
      {"", std::nullopt},
      {"   ", std::nullopt},
      {"Laura\nVerdi", std::nullopt},
  };
  for (const NameCase& c : cases) EXPECT_EQ(normalise_full_name(c.typed), c.kept) << '"' << c.typed << '"';
  EXPECT_EQ(normalise_full_name(longest + "è"), longest + "è");  // 80 characters, 81 bytes
  EXPECT_EQ(normalise_full_name(longest + "èè"), std::nullopt);
}

}  // namespace
}  // namespace sportello
