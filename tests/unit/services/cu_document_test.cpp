// A CU file's line is one JSON document read field by field: each field that is missing, of the wrong type
// or unknown is one problem named by its path in the document.
#include "services/cu_document.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

namespace sportello {
namespace {

namespace json = boost::json;

json::object good_document() {
  return json::parse(R"({"anno":2024,"data_rilascio":"2025-03-14","codice_fiscale":"SPSNNA90L61F839V",
    "sostituto":{"codice_fiscale":"80078750587","denominazione":"INPS","comune":"Roma","provincia":"RM",
                 "indirizzo":"Via Ciro il Grande 21","cap":"00144","codice_attivita":"843000"},
    "percipiente":{"codice_fiscale":"SPSNNA90L61F839V","cognome":"Esposito","nome":"Anna",
                   "comune_residenza":"Napoli","provincia_residenza":"NA"},
    "redditi":[{"tipo":"lavoro_dipendente","importo_centesimi":412000,"giorni":92},
               {"tipo":"pensione","importo_centesimi":100,"giorni":10}],
    "ritenute":{"irpef_centesimi":1200,"addizionale_regionale_centesimi":550,
                "addizionale_comunale_saldo_centesimi":255,"addizionale_comunale_acconto_centesimi":76},
    "detrazioni":{"lavoro_pensione_centesimi":47500,"familiari_centesimi":1,"altre_centesimi":2},
    "inps":{"matricola":"7012345678","imponibile_previdenziale_centesimi":412000,
            "contributi_lavoratore_centesimi":37863}})").as_object();
}

std::vector<RowProblem> problems_of(const std::string& line, CertificazioneUnica& cu) {
  std::vector<RowProblem> problems;
  parse_cu_document(line, cu, problems);
  return problems;
}

TEST(CuDocument, AGoodDocumentFillsEverySection) {
  CertificazioneUnica cu;
  std::vector<RowProblem> problems;
  EXPECT_EQ(parse_cu_document(json::serialize(good_document()), cu, problems), "SPSNNA90L61F839V");
  EXPECT_TRUE(problems.empty()) << problems[0].field << ": " << problems[0].message;
  EXPECT_EQ(cu.year, 2024);
  EXPECT_EQ(cu.issued_on, (Date{std::chrono::year{2025}, std::chrono::March, std::chrono::day{14}}));
  EXPECT_EQ(cu.sostituto.codice_attivita, "843000");
  EXPECT_EQ(cu.percipiente.comune_residenza, "Napoli");
  ASSERT_EQ(cu.incomes.size(), 2u);
  EXPECT_EQ(cu.incomes[0].kind, CuIncomeKind::lavoro_dipendente);
  EXPECT_EQ(cu.incomes[1].days, 10);
  EXPECT_EQ(cu.withholdings.addizionale_comunale_acconto, 76);
  EXPECT_EQ(cu.deductions.altre, 2);
  EXPECT_EQ(cu.inps.contributi_lavoratore, 37863);
}

TEST(CuDocument, OptionalSectionsMayBeLeftOut) {
  json::object doc = good_document();
  doc.erase("detrazioni");
  doc.erase("inps");
  doc["sostituto"].as_object().erase("codice_attivita");
  doc["ritenute"].as_object().erase("addizionale_comunale_acconto_centesimi");
  CertificazioneUnica cu;
  EXPECT_TRUE(problems_of(json::serialize(doc), cu).empty());
  EXPECT_EQ(cu.deductions.lavoro_pensione, 0);
  EXPECT_EQ(cu.inps.matricola, "");
}

struct BadField {
  const char* rule;
  const char* parent;   // JSON pointer of the object changed ("" for the document)
  const char* key;
  json::value value;    // null: the key is removed
  const char* field;    // the path the problem names
};

TEST(CuDocument, EachFaultyFieldIsOneProblemNamedByItsPath) {
  const BadField cases[] = {
      {"a year as text", "", "anno", "2024", "anno"},
      {"an amount with decimals", "/ritenute", "irpef_centesimi", 12.5, "ritenute.irpef_centesimi"},
      {"an amount as text", "/inps", "imponibile_previdenziale_centesimi", "412000", "inps.imponibile_previdenziale_centesimi"},
      {"a date in another form", "", "data_rilascio", "14/03/2025", "data_rilascio"},
      {"an unknown income kind", "/redditi/1", "tipo", "lavoro_autonomo", "redditi[1].tipo"},
      {"days as text", "/redditi/0", "giorni", "92", "redditi[0].giorni"},
      {"a section that is not an object", "", "sostituto", "INPS", "sostituto"},
      {"incomes that are not a list", "", "redditi", json::object{}, "redditi"},
      {"an unknown field", "/percipiente", "sesso", "F", "percipiente.sesso"},
      {"an unknown top-level field", "", "note", "x", "note"},
      {"a missing codice fiscale", "", "codice_fiscale", nullptr, "codice_fiscale"},
      {"a missing denominazione", "/sostituto", "denominazione", nullptr, "sostituto.denominazione"},
      {"a missing percipiente", "", "percipiente", nullptr, "percipiente"},
      {"a missing IRPEF", "/ritenute", "irpef_centesimi", nullptr, "ritenute.irpef_centesimi"},
      {"a missing income amount", "/redditi/0", "importo_centesimi", nullptr, "redditi[0].importo_centesimi"},
      // Amounts have at most 15 digits, as in the CSV files, so a document's totals cannot overflow (found by
      // fuzz/records_import_fuzzer: two incomes of 2^62 cents summed past 64 bits).
      {"an amount of 16 digits", "/redditi/0", "importo_centesimi", std::int64_t{1'000'000'000'000'000}, "redditi[0].importo_centesimi"},
      {"an amount of 2^62", "/ritenute", "irpef_centesimi", std::int64_t{4611686018427387904}, "ritenute.irpef_centesimi"},
      {"an amount past 64 bits", "/inps", "contributi_lavoratore_centesimi", std::uint64_t{18446744073709551615ull}, "inps.contributi_lavoratore_centesimi"},
  };
  for (const BadField& c : cases) {
    json::value doc = good_document();
    json::object& target = *c.parent ? doc.at_pointer(c.parent).as_object() : doc.as_object();
    if (c.value.is_null()) target.erase(c.key);
    else target[c.key] = c.value;
    CertificazioneUnica cu;
    const auto problems = problems_of(json::serialize(doc), cu);
    ASSERT_EQ(problems.size(), 1u) << c.rule << ": " << (problems.empty() ? "" : problems[0].field);
    EXPECT_EQ(problems[0].field, c.field) << c.rule;
  }
}

TEST(CuDocument, AmountsMayHaveFifteenDigitsAndTheirTotalsFit) {
  json::object doc = good_document();
  doc["redditi"].as_array()[0].as_object()["importo_centesimi"] = 999'999'999'999'999;
  doc["redditi"].as_array()[1].as_object()["importo_centesimi"] = 999'999'999'999'999;
  CertificazioneUnica cu;
  const auto problems = problems_of(json::serialize(doc), cu);
  EXPECT_TRUE(problems.empty()) << problems[0].field << ": " << problems[0].message;
  EXPECT_EQ(cu.total_income(), 1'999'999'999'999'998);
}

TEST(CuDocument, ALineThatIsNotAJsonObjectIsOneProblemOfTheWholeLine) {
  for (const char* line : {"{\"anno\":2024", "[1,2]", "anno=2024", "\"\xFF\""}) {
    CertificazioneUnica cu;
    const auto problems = problems_of(line, cu);
    ASSERT_EQ(problems.size(), 1u) << line;
    EXPECT_EQ(problems[0].field, "") << line;
  }
}

}  // namespace
}  // namespace sportello
