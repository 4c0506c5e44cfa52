// A contributions file's row is read column by column: each column that cannot be read is one problem
// named after it; the header must hold every column once and nothing else, in any order.
#include "services/contribution_row.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "csv_rows.h"

namespace sportello {
namespace {

using testing::BadCell;
using testing::OwnedRecord;
using testing::Row;

std::vector<std::string> standard_columns() { return {std::begin(kContributionColumns), std::end(kContributionColumns)}; }

Row good_contribution_row() {
  return {{"codice_fiscale", "RSSMRA85T10H501O"}, {"gestione", "fpld"}, {"dal", "2020-01-01"}, {"al", "2020-12-31"},
          {"tipo", "obbligatoria"}, {"unita", "settimane"}, {"unita_diritto", "52"}, {"unita_misura", "50"},
          {"retribuzione_centesimi", "2500000"}, {"datore_lavoro", "Fiat Auto S.p.A."}, {"matricola", "5102345678"},
          {"note", ""}};
}

ContributionRowParser parser_for(const std::vector<std::string>& columns) {
  OwnedRecord header(columns, {});
  auto parser = ContributionRowParser::for_header(header.record);
  EXPECT_TRUE(parser.ok());
  return std::move(*parser);
}

TEST(ContributionRow, AGoodRowBecomesAPeriod) {
  const auto parser = parser_for(standard_columns());
  OwnedRecord row(standard_columns(), good_contribution_row());
  ContributionPeriod period;
  std::vector<RowProblem> problems;
  EXPECT_EQ(parser.parse(row.record, period, problems), "RSSMRA85T10H501O");
  EXPECT_TRUE(problems.empty());
  const ContributionPeriod expected{0, 0, Gestione::fpld, Date{std::chrono::year{2020}, std::chrono::January, std::chrono::day{1}},
                                    Date{std::chrono::year{2020}, std::chrono::December, std::chrono::day{31}},
                                    ContributionKind::obbligatoria, ContributionUnit::weeks, 52, 50, 2500000,
                                    "Fiat Auto S.p.A.", "5102345678", ""};
  EXPECT_EQ(period, expected);
}

TEST(ContributionRow, ColumnsMayComeInAnyOrderAndSurroundingSpacesAreIgnored) {
  std::vector<std::string> columns = standard_columns();
  std::reverse(columns.begin(), columns.end());
  const auto parser = parser_for(columns);
  Row row = good_contribution_row();
  row["gestione"] = " ex_inpdap ";
  row["unita"] = "mesi";
  row["unita_diritto"] = "12";
  row["unita_misura"] = "12 ";
  OwnedRecord record(columns, row);
  ContributionPeriod period;
  std::vector<RowProblem> problems;
  parser.parse(record.record, period, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(period.gestione, Gestione::ex_inpdap);
  EXPECT_EQ(period.unit, ContributionUnit::months);
  EXPECT_EQ(period.units_for_amount, 12);
}

TEST(ContributionRow, EachUnreadableColumnIsOneProblemNamedAfterIt) {
  const BadCell cases[] = {
      {"gestione", "FPLD"},         {"gestione", "inps"},          {"dal", "2020-02-30"},     {"dal", "01/01/2020"},
      {"al", ""},                   {"tipo", "obbligatorio"},      {"unita", "weeks"},        {"unita_diritto", "-1"},
      {"unita_diritto", "4.5"},     {"unita_misura", "tanti"},     {"unita_misura", ""},      {"retribuzione_centesimi", "25000,00"},
      {"retribuzione_centesimi", "+100"}, {"retribuzione_centesimi", ""}, {"datore_lavoro", "Caf\xE8"}, {"note", "\xC3\x28"},
  };
  const auto parser = parser_for(standard_columns());
  for (const BadCell& c : cases) {
    Row row = good_contribution_row();
    row[c.column] = c.text;
    OwnedRecord record(standard_columns(), row);
    ContributionPeriod period;
    std::vector<RowProblem> problems;
    parser.parse(record.record, period, problems);
    ASSERT_EQ(problems.size(), 1u) << c.column << "=" << c.text;
    EXPECT_EQ(problems[0].field, c.column) << c.text;
    EXPECT_FALSE(problems[0].message.empty());
  }
}

TEST(ContributionRow, AnUnknownEnumerationValueListsTheMachineNames) {
  const auto parser = parser_for(standard_columns());
  Row row = good_contribution_row();
  row["unita"] = "weeks";
  OwnedRecord record(standard_columns(), row);
  ContributionPeriod period;
  std::vector<RowProblem> problems;
  parser.parse(record.record, period, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("settimane, giorni, mesi"), std::string::npos) << problems[0].message;
}

TEST(ContributionRow, ARowWithTooFewFieldsIsOneProblemOfTheWholeRow) {
  const auto parser = parser_for(standard_columns());
  CsvRecord record;
  record.fields = {"RSSMRA85T10H501O", "fpld"};
  ContributionPeriod period;
  std::vector<RowProblem> problems;
  EXPECT_EQ(parser.parse(record, period, problems), "");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "");
  EXPECT_EQ(problems[0].message, "The row has 2 fields, the header 12.");
}

struct HeaderCase {
  const char* rule;
  std::vector<std::string> columns;
  std::vector<std::string> named;  // what the error must name
};

TEST(ContributionRow, AHeaderThatDoesNotMatchIsRefusedNamingTheColumns) {
  std::vector<std::string> missing_note = standard_columns();
  missing_note.pop_back();
  std::vector<std::string> extra = standard_columns();
  extra.push_back("sede");
  std::vector<std::string> repeated = standard_columns();
  repeated.push_back("dal");
  std::vector<std::string> misspelt = standard_columns();
  misspelt[2] = "dal_data";
  const HeaderCase cases[] = {
      {"a missing column", missing_note, {"missing columns note"}},
      {"an unknown column", extra, {"unknown columns sede"}},
      {"a repeated column", repeated, {"repeated columns dal"}},
      {"a misspelt column is both missing and unknown", misspelt, {"missing columns dal", "unknown columns dal_data"}},
  };
  for (const HeaderCase& c : cases) {
    OwnedRecord header(c.columns, {});
    auto parser = ContributionRowParser::for_header(header.record);
    ASSERT_FALSE(parser.ok()) << c.rule;
    EXPECT_EQ(parser.error().code, "import-columns");
    for (const std::string& named : c.named)
      EXPECT_NE(parser.error().message.find(named), std::string::npos) << c.rule << ": " << parser.error().message;
  }
}

}  // namespace
}  // namespace sportello
