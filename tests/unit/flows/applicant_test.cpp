// SPEC §4.1, step 1 of an online request: a well-formed codice fiscale whose error names the wrong part,
// and a complete residence; the rest waits for step 2.
#include <gtest/gtest.h>

#include "core/civil_time.h"
#include "flows/applicant.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

class FirstStep : public AppFixture {
 protected:
  Status check(const ApplicantInput& in) { return validate_first_step(in, ctx().places, rome_date(ctx().clock.now())); }
};

TEST_F(FirstStep, ACorrectCodeAndResidenceAreEnoughWithoutPersonalData) {
  ApplicantInput in = mario(ctx().places);
  in.surname.clear();
  in.mobile.clear();
  in.email.clear();
  EXPECT_TRUE(check(in).ok());
}

TEST_F(FirstStep, EachFailureNamesItsField) {
  struct Case {
    void (*spoil)(ApplicantInput&);
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {[](ApplicantInput& in) { in.codice_fiscale[15] = in.codice_fiscale[15] == 'A' ? 'B' : 'A'; },
       "invalid-cf-check-character", "codice_fiscale"},
      {[](ApplicantInput& in) { in.codice_fiscale = "RSSMRA85"; }, "invalid-cf-length", "codice_fiscale"},
      {[](ApplicantInput& in) { in.street = "  "; }, "missing-street", "street"},
      {[](ApplicantInput& in) { in.cap = "0018"; }, "invalid-cap", "cap"},
      {[](ApplicantInput& in) { in.comune.clear(); }, "missing-comune", "comune"},
      {[](ApplicantInput& in) { in.province = "Roma"; }, "invalid-province", "province"},
  };
  for (const Case& c : cases) {
    ApplicantInput in = mario(ctx().places);
    c.spoil(in);
    const Status checked = check(in);
    ASSERT_FALSE(checked.ok()) << c.code;
    EXPECT_EQ(checked.error().code, c.code);
    EXPECT_EQ(checked.error().field, c.field) << c.code;
  }
}

}  // namespace
}  // namespace sportello::testing
