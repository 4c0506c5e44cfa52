// Every problem the applications' forms can raise reaches the citizen as a sentence of their language, with
// the limits of its field and the codice fiscale or file it is about (issue 10, issue 14's forms).
#include <gtest/gtest.h>

#include <set>

#include "core/codice_fiscale_rules.h"
#include "../core/belfiore_test_registry.h"
#include "support/dates.h"
#include "web/applications_pages.h"

namespace sportello::web {
namespace {

using testing::ymd;

using std::chrono::year;

const Date kToday = ymd(2026, 12, 4);
const ApplicantFacts kGiulia{"BNCGLI72C45F205W", ymd(1972, 3, 5), {Gestione::fpld, Gestione::gestione_separata, Gestione::ex_inpdap}};

std::string with_check(const std::string& fifteen) { return fifteen + check_character(fifteen); }

const Texts& builtin_texts() {
  static const auto loaded = Texts::builtin();
  if (!loaded) std::abort();
  return **loaded;
}

std::vector<Error> problems_of(ApplicationType type, const FieldValues& typed) {
  std::vector<Error> problems;
  (void)check_application(form_for(type, kGiulia), typed, kGiulia, test_data::registry(), kToday, problems);
  return problems;
}

// Typed values that, between them, make the forms raise every problem they know.
struct BadCase {
  ApplicationType type;
  FieldValues typed;
};

std::vector<BadCase> bad_cases() {
  const std::string child = with_check("BNCLCU18A01F205");
  const std::string grown = with_check("BNCLCU10A01F205");
  FieldValues crowd;
  for (int day = 1; day <= 13; ++day) {
    const std::string dd = (day < 10 ? "0" : "") + std::to_string(day);
    crowd.insert({"componenti", with_check("BNCMRC80A" + dd + "F205")});
  }
  return {
      {ApplicationType::naspi, {}},
      {ApplicationType::naspi, {{"data_cessazione", "31/02/2026"}, {"datore_lavoro", std::string(121, 'x')},
                                {"motivo_cessazione", "noia"}, {"iban", "IT61X0542811101000000123456"}}},
      {ApplicationType::naspi, {{"data_cessazione", "01/01/2027"}, {"datore_lavoro", "A"}, {"datore_lavoro", "B"}}},
      {ApplicationType::naspi, {{"data_cessazione", "01/06/2026"}}},
      {ApplicationType::assegno_nucleo, {{"componenti", kGiulia.codice_fiscale}, {"reddito_familiare", "tanti"},
                                         {"periodo_dal", "01/06/2026"}, {"periodo_al", "01/01/2026"}}},
      {ApplicationType::assegno_nucleo, {{"componenti", child}, {"componenti", child},
                                         {"periodo_dal", "01/01/2026"}, {"periodo_al", "01/02/2027"}}},
      {ApplicationType::assegno_nucleo, crowd},
      {ApplicationType::assegno_nucleo, {{"componenti", "XYZ"}}},
      {ApplicationType::riscatto_laurea, {{"data_laurea", "01/01/1989"}, {"durata_legale_anni", "9"}}},
      {ApplicationType::riscatto_laurea, {{"durata_legale_anni", "3"}, {"anni_da_riscattare", "4"}}},
      {ApplicationType::bonus_baby_sitting, {{"figli", grown}, {"importo", "1.500,00"}}},
      {ApplicationType::ricongiunzione, {{"gestioni", "fpld"}}},
      {ApplicationType::ricongiunzione, {{"gestioni", "fpld"}, {"gestioni", "ex_inpdap"}, {"gestione_destinazione", "gestione_separata"}}},
      {ApplicationType::ricongiunzione, {{"gestioni", "fpld"}, {"gestioni", "ex_inpdap"}, {"gestione_destinazione", "fpld"},
                                         {"motivo", std::string(501, 'x')}}},
  };
}

TEST(ApplicationProblemText, EveryProblemTheFormsRaiseHasItsOwnSentenceInBothLanguages) {
  std::set<std::string> codes;
  for (const BadCase& c : bad_cases())
    for (const Error& problem : problems_of(c.type, c.typed)) {
      codes.insert(problem.code);
      for (Language language : {Language::it, Language::en}) {
        const ApplicationsText text(builtin_texts(), language);
        const std::string sentence = text.problem(problem, form_for(c.type, kGiulia));
        EXPECT_NE(sentence, builtin_texts().get(language, "error_field_generic")) << problem.code << " " << to_string(language);
        EXPECT_EQ(sentence.find('{'), std::string::npos) << sentence;
      }
    }
  // The cases above reach every rule of services/application_form.cpp.
  for (const char* code : {"field-required", "field-too-long", "field-repeated", "invalid-date", "invalid-iban",
                           "invalid-amount", "invalid-number", "invalid-choice", "codice-fiscale-repeated",
                           "too-few-values", "too-many-values", "date-in-future", "naspi-too-late", "member-is-applicant",
                           "period-reversed", "period-too-long", "degree-too-early", "more-than-legal-length",
                           "child-too-old", "amount-too-high", "destination-not-chosen", "invalid-cf-length"})
    EXPECT_TRUE(codes.contains(code)) << code;
}

TEST(ApplicationProblemText, TheFlowsOwnRefusalsHaveSentencesToo) {
  for (const char* code : {"attachments-required", "too-many-attachments", "attachment-empty", "attachment-too-large",
                           "attachment-type", "idempotency-key-invalid", "reason-required"})
    for (Language language : {Language::it, Language::en})
      EXPECT_TRUE(ApplicationsText(builtin_texts(), language).has(std::string("app_error_") + code)) << code;
}

TEST(ApplicationProblemText, LimitsAndTheValueAtFaultAreFilledIn) {
  const ApplicationsText it(builtin_texts(), Language::it);
  const ApplicationForm riscatto = form_for(ApplicationType::riscatto_laurea, kGiulia);
  EXPECT_EQ(it.problem(Error::invalid("invalid-number", "", "durata_legale_anni"), riscatto),
            "Scriva un numero intero da 1 a 6.");
  const ApplicationForm bonus = form_for(ApplicationType::bonus_baby_sitting, kGiulia);
  EXPECT_EQ(it.problem(Error::invalid("child-too-old", "BNCLCU10A01F205X is 12 or older.", "figli"), bonus),
            "BNCLCU10A01F205X: ha già compiuto 12 anni.");
  // A codice fiscale's own problem keeps the general text, after the code it is about.
  EXPECT_EQ(it.problem(Error::invalid("invalid-cf-length", "\"XYZ\": The codice fiscale has 16 characters.", "figli"), bonus),
            "XYZ: Il codice fiscale ha 16 caratteri.");
  EXPECT_EQ(it.problem(Error::invalid("attachment-type", "nota.txt is not a PDF, JPEG or PNG file.", "attachments"), bonus),
            "nota.txt non è un file PDF, JPEG o PNG: si possono allegare solo questi.");
}

TEST(ApplicationsText, ChoicesAndGestioniAreNamedInTheReadersLanguage) {
  const ApplicationsText it(builtin_texts(), Language::it), en(builtin_texts(), Language::en);
  EXPECT_EQ(it.choice_label("gestioni", "ex_inpdap"), "Gestione dipendenti pubblici (ex INPDAP)");
  EXPECT_EQ(it.choice_label("motivo_cessazione", "licenziamento"), "Licenziamento");
  EXPECT_EQ(en.choice_label("motivo_cessazione", "scadenza_contratto"), "End of a fixed-term contract");
  FormField amount;
  amount.name = "importo";
  amount.kind = FieldKind::money;
  EXPECT_EQ(it.value(amount, "80000"), "800,00\u00a0€");
  for (ApplicationType type : kAllApplicationTypes)
    for (const ApplicationsText* text : {&it, &en}) {
      EXPECT_TRUE(text->has(std::string("app_type_") + to_string(type))) << to_string(type);
      EXPECT_TRUE(text->has(std::string("app_purpose_") + to_string(type))) << to_string(type);
      for (const FormField& f : form_for(type, kGiulia).fields) EXPECT_TRUE(text->has("app_field_" + f.name)) << f.name;
    }
}

}  // namespace
}  // namespace sportello::web
