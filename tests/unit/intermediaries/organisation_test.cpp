// What an administrator types for a patronato (issue 11): codes made upper case and checked, names and offices
// on one line with their spaces tidied, within their lengths.
#include "intermediaries/organisation.h"

#include <gtest/gtest.h>

namespace sportello {
namespace {

TEST(OrganisationCode, IsUpperCasedAndChecked) {
  EXPECT_EQ(normalise_organisation_code("inca"), "INCA");
  EXPECT_EQ(normalise_organisation_code("  Acli-2 "), "ACLI-2");
  EXPECT_EQ(normalise_organisation_code("AB"), "AB");
  EXPECT_EQ(normalise_organisation_code("A234567890123456"), "A234567890123456");
  for (const char* bad : {"", "A", "1NCA", "-INCA", "IN CA", "INCA_1", "A2345678901234567", "INCÀ", "IN\nCA"})
    EXPECT_FALSE(normalise_organisation_code(bad)) << bad;
}

TEST(OrganisationText, KeepsOneTidyLineWithinTheLimit) {
  EXPECT_EQ(normalise_organisation_text("  Patronato   INCA\tCGIL "), "Patronato INCA CGIL");
  EXPECT_EQ(normalise_organisation_text("Forlì, corso della Repubblica 1"), "Forlì, corso della Repubblica 1");
  EXPECT_TRUE(normalise_organisation_text(std::string(kMaxOrganisationText, 'a')));
  EXPECT_FALSE(normalise_organisation_text(std::string(kMaxOrganisationText + 1, 'a')));
  std::string accented;
  for (std::size_t i = 0; i < kMaxOrganisationText; ++i) accented += "à";  // 2 bytes each: counted as characters
  EXPECT_TRUE(normalise_organisation_text(accented));
  for (const char* bad : {"", "   ", "Roma\nMilano", "Roma\rvia", "a\x7f"}) EXPECT_FALSE(normalise_organisation_text(bad)) << bad;
}

}  // namespace
}  // namespace sportello
