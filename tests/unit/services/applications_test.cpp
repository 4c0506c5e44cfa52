// The applications' forms and states (SPEC §5): what each type requires, every problem reported at once
// with its field, and the only moves a state may make.
#include <gtest/gtest.h>

#include "core/codice_fiscale_rules.h"
#include "../core/belfiore_test_registry.h"
#include "services/application.h"
#include "support/dates.h"

namespace sportello {
namespace {

using testing::ymd;

using std::chrono::year;

const Date kToday = ymd(2026, 12, 4);

const BelfioreRegistry& places() { return test_data::registry(); }

ApplicantFacts mario() { return {"RSSMRA85T10H501O", ymd(1985, 12, 10), {Gestione::fpld, Gestione::gestione_separata}}; }

std::vector<Error> problems_of(ApplicationType type, const FieldValues& typed) {
  std::vector<Error> problems;
  auto checked = check_application(form_for(type, mario()), typed, mario(), places(), kToday, problems);
  EXPECT_EQ(checked.ok(), problems.empty());
  return problems;
}

std::vector<std::string> fields_of(const std::vector<Error>& problems) {
  std::vector<std::string> fields;
  for (const Error& e : problems) fields.push_back(e.field);
  return fields;
}

TEST(ApplicationForm, EveryEmptyRequiredFieldIsReportedAtOnce) {
  EXPECT_EQ(fields_of(problems_of(ApplicationType::naspi, {})),
            (std::vector<std::string>{"data_cessazione", "datore_lavoro", "motivo_cessazione", "iban"}));
  EXPECT_EQ(fields_of(problems_of(ApplicationType::riscatto_laurea, {{"universita", "  "}})).size(), 5u);
}

TEST(ApplicationForm, NaspiWithinSixtyEightDaysAndAnItalianIban) {
  const FieldValues good{{"data_cessazione", "30/09/2026"}, {"datore_lavoro", "Beta Informatica S.p.A."},
                         {"motivo_cessazione", "licenziamento"}, {"iban", "IT60 X054 2811 1010 0000 0123 456"}};
  EXPECT_TRUE(problems_of(ApplicationType::naspi, good).empty());
  FieldValues late = good;
  late.find("data_cessazione")->second = "2026-09-26";  // 69 days before
  EXPECT_EQ(fields_of(problems_of(ApplicationType::naspi, late)), std::vector<std::string>{"data_cessazione"});
  FieldValues bad_iban = good;
  bad_iban.find("iban")->second = "IT61X0542811101000000123456";
  bad_iban.find("motivo_cessazione")->second = "noia";
  EXPECT_EQ(fields_of(problems_of(ApplicationType::naspi, bad_iban)), (std::vector<std::string>{"motivo_cessazione", "iban"}));
}

TEST(ApplicationForm, CheckedValuesAreNormalised) {
  std::vector<Error> problems;
  auto checked = check_application(
      form_for(ApplicationType::naspi, mario()),
      {{"data_cessazione", "1/10/2026"}, {"datore_lavoro", " Beta "}, {"motivo_cessazione", "scadenza_contratto"},
       {"iban", "it60x0542811101000000123456"}, {"unknown", "ignored"}},
      mario(), places(), kToday, problems);
  ASSERT_TRUE(checked.ok());
  ASSERT_EQ(checked->size(), 4u);
  EXPECT_EQ((*checked)[0], (ApplicationField{"data_cessazione", {"2026-10-01"}}));
  EXPECT_EQ((*checked)[1], (ApplicationField{"datore_lavoro", {"Beta"}}));
  EXPECT_EQ((*checked)[3], (ApplicationField{"iban", {"IT60X0542811101000000123456"}}));
}

TEST(ApplicationForm, HouseholdMembersAreOtherPeopleOnceEach) {
  const FieldValues members{{"componenti", "BNCGLI72C45F205W"}, {"componenti", "RSSMRA85T10H501O"},
                            {"reddito_familiare", "23.450,00"}, {"periodo_dal", "2026-01-01"}, {"periodo_al", "2026-12-31"}};
  EXPECT_EQ(fields_of(problems_of(ApplicationType::assegno_nucleo, members)), std::vector<std::string>{"componenti"});
  FieldValues twice{{"componenti", "BNCGLI72C45F205W"}, {"componenti", "bncgli72c45f205w"},
                    {"reddito_familiare", "23450"}, {"periodo_dal", "2026-01-01"}, {"periodo_al", "2027-01-01"}};
  EXPECT_EQ(fields_of(problems_of(ApplicationType::assegno_nucleo, twice)),
            (std::vector<std::string>{"componenti", "periodo_al"}));
}

TEST(ApplicationForm, ADegreeCanBeRedeemedUpToItsLegalLength) {
  FieldValues degree{{"universita", "Sapienza Università di Roma"}, {"corso", "Ingegneria informatica"},
                     {"data_laurea", "15/07/2010"}, {"durata_legale_anni", "5"}, {"anni_da_riscattare", "5"}};
  EXPECT_TRUE(problems_of(ApplicationType::riscatto_laurea, degree).empty());
  degree.find("anni_da_riscattare")->second = "6";
  degree.find("data_laurea")->second = "2003-01-01";  // before Mario's 18th birthday
  EXPECT_EQ(fields_of(problems_of(ApplicationType::riscatto_laurea, degree)),
            (std::vector<std::string>{"data_laurea", "anni_da_riscattare"}));
}

TEST(ApplicationForm, BabySittingForChildrenUnderTwelveUpToTheCap) {
  // A child born on 1 January 2018 is 8 today; one born in 2010 is 16.
  const std::string young = "RSSLCU18A01H501" + std::string(1, check_character("RSSLCU18A01H501"));
  const std::string old = "RSSLCU10A01H501" + std::string(1, check_character("RSSLCU10A01H501"));
  FieldValues bonus{{"figli", young}, {"periodo_dal", "2026-06-01"}, {"periodo_al", "2026-09-30"}, {"importo", "1200"}};
  EXPECT_TRUE(problems_of(ApplicationType::bonus_baby_sitting, bonus).empty());
  bonus.insert({"figli", old});
  bonus.find("importo")->second = "1.200,01";
  EXPECT_EQ(fields_of(problems_of(ApplicationType::bonus_baby_sitting, bonus)), (std::vector<std::string>{"figli", "importo"}));
}

TEST(ApplicationForm, RicongiunzioneJoinsTheHoldersOwnGestioni) {
  const ApplicationForm form = form_for(ApplicationType::ricongiunzione, mario());
  EXPECT_EQ(form.fields[0].choices, (std::vector<std::string>{"fpld", "gestione_separata"}));
  EXPECT_TRUE(problems_of(ApplicationType::ricongiunzione, {{"gestioni", "fpld"}, {"gestioni", "gestione_separata"},
                                                            {"gestione_destinazione", "fpld"}}).empty());
  EXPECT_EQ(fields_of(problems_of(ApplicationType::ricongiunzione, {{"gestioni", "fpld"}, {"gestioni", "artigiani"},
                                                                     {"gestione_destinazione", "fpld"}})),
            std::vector<std::string>{"gestioni"});
  EXPECT_EQ(fields_of(problems_of(ApplicationType::ricongiunzione, {{"gestioni", "fpld"}, {"gestione_destinazione", "fpld"}})),
            std::vector<std::string>{"gestioni"});
}

TEST(ApplicationForm, AmountsAreReadAsPeopleWriteThem) {
  struct Case { const char* typed; std::optional<long long> cents; };
  const Case amounts[] = {{"1234", 123400}, {"1234,5", 123450}, {"1.234,56", 123456}, {"1,234.56", 123456},
                          {"1.234", 123400}, {"1.234.567,89", 123456789}, {"0,05", 5}, {"12,345", 1234500},
                          {"1,23,45", std::nullopt}, {"-5", std::nullopt}, {"12.34.56", std::nullopt},
                          {"1.234,567", std::nullopt}, {"", std::nullopt}, {"1 234", std::nullopt}, {",50", std::nullopt}};
  for (const Case& c : amounts) EXPECT_EQ(parse_euro_typed(c.typed), c.cents) << c.typed;
}

TEST(Application, StatesMoveOnlyForward) {
  Application a;
  const Instant t0 = from_unix(1764000000);
  EXPECT_FALSE(a.decide(true, "staff:bo", "", t0).ok());  // not in review yet
  ASSERT_TRUE(a.take_in_charge("staff:bo", t0).ok());
  EXPECT_EQ(a.state, ApplicationState::in_istruttoria);
  EXPECT_EQ(a.handler, "staff:bo");
  EXPECT_FALSE(a.withdraw("citizen:1", t0).ok());        // too late to withdraw
  auto no_reason = a.decide(false, "staff:bo", "  ", t0);
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().code, "reason-required");
  ASSERT_TRUE(a.decide(false, "staff:bo", "Periodo già coperto", t0).ok());
  EXPECT_EQ(a.state, ApplicationState::respinta);
  EXPECT_EQ(a.decision_reason(), "Periodo già coperto");
  EXPECT_FALSE(a.take_in_charge("staff:bo", t0).ok());
  EXPECT_EQ(a.events.size(), 2u);

  Application b;
  ASSERT_TRUE(b.withdraw("citizen:1", t0).ok());
  EXPECT_EQ(b.state, ApplicationState::ritirata);
  EXPECT_FALSE(b.take_in_charge("staff:bo", t0).ok());
}

TEST(Application, ProtocolNumbersHaveOfficeYearAndSevenDigits) {
  EXPECT_EQ(format_protocol("7001", 2026, 42), "INPS.7001.2026.0000042");
  EXPECT_EQ(format_protocol("0100", 2027, 9999999), "INPS.0100.2027.9999999");
}

}  // namespace
}  // namespace sportello
