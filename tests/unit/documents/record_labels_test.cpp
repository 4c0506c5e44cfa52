// The Italian words documents print: units singular and plural, counts with the thousands point, weeks as
// years, months and pension categories.
#include <gtest/gtest.h>

#include "documents/record_labels.h"

namespace sportello {
namespace {

TEST(RecordLabels, UnitsAgreeInNumberWithTheirCount) {
  struct Case { int count; ContributionUnit unit; const char* text; };
  for (const Case& c : {Case{1, ContributionUnit::weeks, "1 settimana"}, Case{4, ContributionUnit::weeks, "4 settimane"},
                        Case{1, ContributionUnit::days, "1 giorno"}, Case{26, ContributionUnit::days, "26 giorni"},
                        Case{1, ContributionUnit::months, "1 mese"}, Case{0, ContributionUnit::months, "0 mesi"},
                        Case{1200, ContributionUnit::days, "1.200 giorni"}})
    EXPECT_EQ(units_it(c.count, c.unit), c.text);
}

TEST(RecordLabels, CountsGroupThousandsWithAPoint) {
  struct Case { long long count; const char* text; };
  for (const Case& c : {Case{0, "0"}, Case{999, "999"}, Case{1000, "1.000"}, Case{2340, "2.340"},
                        Case{1234567, "1.234.567"}, Case{-1500, "-1.500"}})
    EXPECT_EQ(count_it(c.count), c.text);
}

TEST(RecordLabels, WeeksReadAsYearsOfFiftyTwoAndTheRest) {
  struct Case { int weeks; const char* text; };
  for (const Case& c : {Case{0, "0 settimane"}, Case{1, "1 settimana"}, Case{51, "51 settimane"}, Case{52, "1 anno"},
                        Case{53, "1 anno e 1 settimana"}, Case{2340, "45 anni"}, Case{2352, "45 anni e 12 settimane"}})
    EXPECT_EQ(weeks_as_years_it(c.weeks), c.text);
}

TEST(RecordLabels, MonthsAreNamedInItalianLowerCase) {
  EXPECT_EQ(month_it(std::chrono::year{2026} / 3), "marzo 2026");
  EXPECT_EQ(month_it(std::chrono::year{2025} / 12), "dicembre 2025");
  EXPECT_EQ(month_it(std::chrono::year{2025} / 1), "gennaio 2025");
}

TEST(RecordLabels, EveryGestioneKindAndIncomeHasALabelAndUnknownCategoriesNone) {
  for (Gestione g : kAllGestioni) EXPECT_STRNE(gestione_label_it(g), "");
  for (auto k : {ContributionKind::obbligatoria, ContributionKind::figurativa, ContributionKind::volontaria,
                 ContributionKind::riscatto})
    EXPECT_STRNE(kind_label_it(k), "");
  EXPECT_STREQ(income_kind_label_it(CuIncomeKind::pensione), "Redditi di pensione");
  EXPECT_EQ(pension_category_label_it("SO"), "Superstiti");
  EXPECT_EQ(pension_category_label_it("ZZ"), "");
}

}  // namespace
}  // namespace sportello
