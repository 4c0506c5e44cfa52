// SPEC §4.1, step 1 of an online request: a well-formed codice fiscale whose error names the wrong part,
// and a complete residence; the rest waits for step 2. Issue 14: every problem at once, on its own field.
#include <gtest/gtest.h>

#include "core/civil_time.h"
#include "identity/postal_lines.h"
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

TEST_F(FirstStep, EveryProblemOfTheFirstStepIsReportedAtOnce) {
  ApplicantInput in = mario(ctx().places);
  in.codice_fiscale = "RSSMRA85";
  in.cap = "12";
  in.province = "Roma";
  std::vector<Error> problems;
  EXPECT_FALSE(validate_first_step(in, ctx().places, rome_date(ctx().clock.now()), problems).ok());
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].field, "codice_fiscale");
  EXPECT_EQ(problems[1].field, "cap");
  EXPECT_EQ(problems[2].field, "province");
}

class Applicant : public AppFixture {
 protected:
  std::vector<std::string> problems_of(const ApplicantInput& in) {
    std::vector<Error> problems;
    const auto checked = validate_applicant(in, ctx().places, rome_date(ctx().clock.now()), problems);
    EXPECT_EQ(checked.ok(), problems.empty());
    if (!checked.ok()) {
      EXPECT_EQ(checked.error().code, problems.front().code);
    }
    std::vector<std::string> out;
    for (const Error& e : problems) out.push_back(e.field + ":" + e.code);
    return out;
  }
  // A person born at `place` (code) on `born`, declaring the birth place by name and province as typed.
  ApplicantInput born_in(const char* code, const char* born, const char* typed_place, const char* typed_province) {
    ApplicantInput in = with_code(person("Rossi", "Maria", "F", born, code, "333 1234567", ""), ctx().places);
    in.birth_place = typed_place;
    in.birth_province = typed_province;
    return in;
  }
};

TEST_F(Applicant, EveryFieldAtFaultIsReportedOnceInTheFormsOrder) {
  ApplicantInput in = mario(ctx().places);
  in.mobile = "06 1234";
  in.email = "mario@";
  in.street.clear();
  in.province = "R";
  in.name.clear();
  in.birth_place = "Atlantide";
  EXPECT_EQ(problems_of(in), (std::vector<std::string>{"street:missing-street", "province:invalid-province",
                                                        "name:missing-name", "birth_place:unknown-birth-place",
                                                        "mobile:invalid-mobile", "email:invalid-email"}));
}

TEST_F(Applicant, AMissingNameIsReportedOnceNotAlsoAsDisagreeing) {
  ApplicantInput in = mario(ctx().places);
  in.surname = " ";
  EXPECT_EQ(problems_of(in), std::vector<std::string>{"surname:missing-surname"});
  in.sex = "F";
  EXPECT_EQ(problems_of(in), (std::vector<std::string>{"surname:missing-surname", "sex:cf-mismatch-sex"}));
}

TEST_F(Applicant, ACodeThatDisagreesNamesEachDeclaredItemThatDisagrees) {
  struct Case {
    const char* name;
    void (*spoil)(ApplicantInput&);
    std::vector<std::string> problems;
  };
  const Case cases[] = {
      {"surname", [](ApplicantInput& in) { in.surname = "Verdi"; }, {"surname:cf-mismatch-surname"}},
      {"name", [](ApplicantInput& in) { in.name = "Luigi"; }, {"name:cf-mismatch-name"}},
      {"sex", [](ApplicantInput& in) { in.sex = "F"; }, {"sex:cf-mismatch-sex"}},
      {"birth date", [](ApplicantInput& in) { in.birth_date = "11/12/1985"; }, {"birth_date:cf-mismatch-birth-date"}},
      {"birth place", [](ApplicantInput& in) { in.birth_place = "Milano"; }, {"birth_place:cf-mismatch-birth-place"}},
      {"three at once",
       [](ApplicantInput& in) {
         in.name = "Luigi";
         in.birth_date = "1985-12-11";
         in.birth_place = "Milano";
       },
       {"name:cf-mismatch-name", "birth_date:cf-mismatch-birth-date", "birth_place:cf-mismatch-birth-place"}},
  };
  for (const Case& c : cases) {
    ApplicantInput in = mario(ctx().places);
    c.spoil(in);
    EXPECT_EQ(problems_of(in), c.problems) << c.name;
  }
}

TEST_F(Applicant, BirthDatesAreTakenInTheItalianWritingAsWellAsIso) {
  for (const char* typed : {"10/12/1985", "10-12-1985", "10.12.1985", "1985-12-10", " 10/12/1985 "}) {
    ApplicantInput in = mario(ctx().places);
    in.birth_date = typed;
    EXPECT_TRUE(problems_of(in).empty()) << typed;
  }
  for (const char* typed : {"12/10/85", "1985/12/10", "31/11/1985", "ieri"}) {
    ApplicantInput in = mario(ctx().places);
    in.birth_date = typed;
    std::vector<Error> problems;
    ASSERT_FALSE(validate_applicant(in, ctx().places, rome_date(ctx().clock.now()), problems).ok()) << typed;
    EXPECT_EQ(problems.front().code, "invalid-birth-date") << typed;
    EXPECT_NE(problems.front().message.find("gg/mm/aaaa"), std::string::npos);
  }
}

TEST_F(Applicant, BirthPlacesAreFoundAsPeopleKnowThem) {
  struct Case {
    const char *name, *code, *born, *typed, *province;
  };
  const Case accepted[] = {
      {"Monza in 1980 with today's province", "F704", "1980-05-01", "Monza", "MB"},
      {"Monza in 1980 with the province of then", "F704", "1980-05-01", "Monza", "MI"},
      {"Forli in 1971 with today's province", "D704", "1971-02-03", "Forlì", "FC"},
      {"Forli in 1971 without accent, old province", "D704", "1971-02-03", "Forli", "FO"},
      {"Palau the state, by the code", "Z734", "1990-07-07", "Palau", ""},
      {"Palau the comune, by the code", "G258", "1990-07-07", "Palau", ""},
      {"Sant'Elena the island, by the code", "Z340", "1960-01-15", "Sant'Elena", ""},
      {"Sant'Elena the comune, by the code", "I319", "1960-01-15", "sant elena", ""},
  };
  for (const Case& c : accepted) EXPECT_TRUE(problems_of(born_in(c.code, c.born, c.typed, c.province)).empty()) << c.name;
  EXPECT_EQ(problems_of(born_in("F704", "1980-05-01", "Monza", "RM")),
            std::vector<std::string>{"birth_place:unknown-birth-place"});
}

TEST_F(Applicant, AnUnknownBirthPlaceOffersTheRegistrysNearestNames) {
  ApplicantInput in = born_in("Z200", "1990-01-01", "Afganistan", "");
  std::vector<Error> problems;
  ASSERT_FALSE(validate_applicant(in, ctx().places, rome_date(ctx().clock.now()), problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "unknown-birth-place");
  EXPECT_NE(problems[0].message.find("Afghanistan"), std::string::npos) << problems[0].message;
}

TEST_F(Applicant, AnAddressALetterCannotPrintIsRefusedOnItsFieldSayingWhatFits) {
  struct Case {
    const char* name;
    void (*spoil)(ApplicantInput&);
    const char* field;
  };
  const Case cases[] = {
      {"street", [](ApplicantInput& in) { in.street = std::string(kStreetLineMax - 1, 'V'); }, "street"},
      {"comune", [](ApplicantInput& in) { in.comune = std::string(kPlaceLineMax - 10, 'C'); }, "comune"},
      {"name line", [](ApplicantInput& in) { in.name = "Maria Beatrice Ludovica Eleonora Assunta"; }, "name"},
  };
  for (const Case& c : cases) {
    ApplicantInput in = mario(ctx().places);
    c.spoil(in);
    std::vector<Error> problems;
    ASSERT_FALSE(validate_applicant(in, ctx().places, rome_date(ctx().clock.now()), problems).ok()) << c.name;
    const auto it = std::find_if(problems.begin(), problems.end(), [](const Error& e) { return e.code == "address-too-long"; });
    ASSERT_NE(it, problems.end()) << c.name;
    EXPECT_EQ(it->field, c.field) << c.name;
    EXPECT_NE(it->message.find("at most"), std::string::npos) << c.name;
  }
  ApplicantInput at_limit = mario(ctx().places);
  at_limit.street = std::string(kStreetLineMax - 2, 'V');  // + " 1"
  at_limit.comune = std::string(kPlaceLineMax - 11, 'C');  // "00100 " + comune + " (RM)"
  EXPECT_TRUE(problems_of(at_limit).empty());
}

}  // namespace
}  // namespace sportello::testing
