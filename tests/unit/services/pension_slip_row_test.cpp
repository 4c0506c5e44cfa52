// A pension slips file's row is read column by column: each column that cannot be read is one problem
// named after it.
#include "services/pension_slip_row.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "csv_rows.h"

namespace sportello {
namespace {

using testing::BadCell;
using testing::OwnedRecord;
using testing::Row;

std::vector<std::string> slip_columns() { return {std::begin(kPensionSlipColumns), std::end(kPensionSlipColumns)}; }

Row good_slip_row() {
  return {{"codice_fiscale", "BNCGLI72C45F205W"}, {"mese", "2025-07"}, {"categoria", "SO"},
          {"numero_pensione", "12048337"}, {"lordo_centesimi", "98450"}, {"irpef_centesimi", "12210"},
          {"addizionale_regionale_centesimi", "1420"}, {"addizionale_comunale_centesimi", "640"},
          {"conguaglio_730_centesimi", "-23500"}, {"altre_trattenute_centesimi", "0"}, {"arretrati_centesimi", "0"},
          {"netto_centesimi", "107680"}, {"sede_pagatrice", "Sede INPS di Milano Nord"},
          {"modalita_pagamento", "Accredito su conto corrente"}};
}

PensionSlipRowParser parser() {
  OwnedRecord header(slip_columns(), {});
  auto parsed = PensionSlipRowParser::for_header(header.record);
  EXPECT_TRUE(parsed.ok());
  return std::move(*parsed);
}

TEST(PensionSlipRow, AGoodRowBecomesASlipWhoseNetAddsUp) {
  OwnedRecord record(slip_columns(), good_slip_row());
  PensionSlip slip;
  std::vector<RowProblem> problems;
  EXPECT_EQ(parser().parse(record.record, slip, problems), "BNCGLI72C45F205W");
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(slip.month, std::chrono::year{2025} / std::chrono::July);
  EXPECT_EQ(slip.category, "SO");
  EXPECT_EQ(slip.pension_number, "12048337");
  EXPECT_EQ(slip.gross, 98450);
  EXPECT_EQ(slip.conguaglio_730, -23500) << "a refunded 730 adjustment is negative";
  EXPECT_EQ(slip.net, 107680);
  EXPECT_EQ(slip.expected_net(), slip.net);
  EXPECT_EQ(slip.paying_office, "Sede INPS di Milano Nord");
  EXPECT_TRUE(validate(slip, Date{std::chrono::year{2026}, std::chrono::January, std::chrono::day{31}}).ok());
}

TEST(PensionSlipRow, EachUnreadableColumnIsOneProblemNamedAfterIt) {
  const BadCell cases[] = {
      {"mese", "2025-13"},           {"mese", "2025-7"},           {"mese", "luglio 2025"},
      {"lordo_centesimi", "984,50"}, {"irpef_centesimi", ""},      {"addizionale_regionale_centesimi", "x"},
      {"addizionale_comunale_centesimi", "1e3"}, {"conguaglio_730_centesimi", "--5"},
      {"altre_trattenute_centesimi", "0.0"},     {"arretrati_centesimi", "1234567890123456"},
      {"netto_centesimi", "€ 1076,80"},          {"sede_pagatrice", "Sede \xFF"}, {"categoria", "\xC0\x80"},
  };
  for (const BadCell& c : cases) {
    Row row = good_slip_row();
    row[c.column] = c.text;
    OwnedRecord record(slip_columns(), row);
    PensionSlip slip;
    std::vector<RowProblem> problems;
    parser().parse(record.record, slip, problems);
    ASSERT_EQ(problems.size(), 1u) << c.column << "=" << c.text;
    EXPECT_EQ(problems[0].field, c.column) << c.text;
  }
}

}  // namespace
}  // namespace sportello
