// The contribution record as CSV, parsed back as RFC 4180 reads it: the import file's columns with the pay
// in euro and each row's weeks, one row per period, and names, notes and matricole intact whatever commas,
// quotes, line breaks or accents they hold.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "documents/records_pdf.h"
#include "record_samples.h"

namespace sportello {
namespace {

using Row = std::vector<std::string>;

// A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes): the test's own oracle.
std::vector<Row> parse_csv(const std::string& text) {
  std::vector<Row> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      EXPECT_NE(c, '"') << "a quote inside an unquoted field at byte " << i;
      EXPECT_NE(c, '\n') << "a bare line feed at byte " << i;
      field += c;
    }
  }
  EXPECT_TRUE(rows.back().empty() && field.empty()) << "the last record must end in CRLF";
  rows.pop_back();
  return rows;
}

const Row kHeader{"gestione",     "dal",       "al",        "tipo",      "unita", "unita_diritto", "unita_misura",
                  "retribuzione_euro", "datore_lavoro", "matricola", "note", "settimane_utili"};

TEST(ContributionCsv, AnEmptyRecordIsTheHeaderAlone) {
  const std::vector<Row> rows = parse_csv(contribution_record_csv(summarize({})));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], kHeader);
}

TEST(ContributionCsv, HasOneRowPerPeriodInTheImportFilesColumnsWithEuroAndWeeks) {
  ContributionPeriod month = testing::monthly(2024, 3, 123456, "Officine Lombarde S.p.A.", "4900123456");
  ContributionPeriod days = testing::monthly(2024, 4, 5, "", "");
  days.gestione = Gestione::ex_inpdap;
  days.kind = ContributionKind::figurativa;
  days.unit = ContributionUnit::days;
  days.to = testing::day(2024, 4, 5);
  days.units_for_right = 5;
  days.units_for_amount = 4;
  const std::vector<Row> rows = parse_csv(contribution_record_csv(summarize({days, month})));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], kHeader);
  EXPECT_EQ(rows[1], (Row{"fpld", "2024-03-01", "2024-03-31", "obbligatoria", "mesi", "1", "1", "1234.56",
                          "Officine Lombarde S.p.A.", "4900123456", "", "4.33"}));
  EXPECT_EQ(rows[2], (Row{"ex_inpdap", "2024-04-01", "2024-04-05", "figurativa", "giorni", "5", "4", "0.05", "", "",
                          "", "0.83"}));
}

TEST(ContributionCsv, FieldsWithCommasQuotesLineBreaksAndAccentsComeBackIntact) {
  ContributionPeriod p = testing::monthly(2023, 5, 250000, "Rossi, Bianchi & C. S.n.c.", "49/00,1");
  p.note = "Periodo \"da verificare\"\nsegnalato dalla sede di Forlì";
  ContributionPeriod q = testing::monthly(2023, 6, 250000, "Àncora Società Cooperativa", "");
  q.note = "Nessuna nota, per davvero";
  const std::string csv = contribution_record_csv(summarize({p, q}));
  EXPECT_NE(csv.find("\"Rossi, Bianchi & C. S.n.c.\""), std::string::npos);
  EXPECT_NE(csv.find("\"Periodo \"\"da verificare\"\"\nsegnalato dalla sede di Forlì\""), std::string::npos);
  EXPECT_NE(csv.find(",Àncora Società Cooperativa,"), std::string::npos) << "a field without specials is not quoted";
  const std::vector<Row> rows = parse_csv(csv);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][8], p.employer_name);
  EXPECT_EQ(rows[1][9], p.employer_matricola);
  EXPECT_EQ(rows[1][10], p.note);
  EXPECT_EQ(rows[2][8], q.employer_name);
  EXPECT_EQ(rows[2][10], q.note);
  for (const Row& row : rows) EXPECT_EQ(row.size(), kHeader.size());
}

TEST(ContributionCsv, TextThatASpreadsheetWouldRunIsDefused) {
  ContributionPeriod p = testing::monthly(2023, 5, 250000, "=HYPERLINK(\"http://x\",\"y\")", "+39");
  p.note = "@SUM(A1)";
  const std::vector<Row> rows = parse_csv(contribution_record_csv(summarize({p})));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][8], "'=HYPERLINK(\"http://x\",\"y\")");
  EXPECT_EQ(rows[1][9], "'+39");
  EXPECT_EQ(rows[1][10], "'@SUM(A1)");
}

TEST(ContributionCsv, RowsFollowTheRecordGestioneByGestioneThenByDate) {
  std::vector<ContributionPeriod> periods = testing::working_life(3);
  ContributionPeriod separata = testing::monthly(1980, 6, 100, "", "");
  separata.gestione = Gestione::gestione_separata;
  periods.insert(periods.begin(), separata);
  const std::vector<Row> rows = parse_csv(contribution_record_csv(summarize(periods)));
  ASSERT_EQ(rows.size(), 38u);
  EXPECT_EQ(rows[1][1], "1980-01-01");
  EXPECT_EQ(rows[36][1], "1982-12-01");
  EXPECT_EQ(rows[37][0], "gestione_separata");
  EXPECT_EQ(rows[36][7], "1291.12");  // 120000 + 2 * 4550 + 12 cents
}

}  // namespace
}  // namespace sportello
