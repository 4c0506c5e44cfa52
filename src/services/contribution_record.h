#pragma once
// A citizen's contribution record as the reserved area shows it (SPEC §5): the periods grouped by gestione
// and by year, and the weeks useful for the right — per year, per gestione and in all. A year counts at
// most 52 weeks for the right however many gestioni were paid into at once (periods that overlap in time
// are not added twice). Pure; built from the periods by summarize().
#include <map>
#include <vector>

#include "services/contribution_period.h"

namespace sportello {

struct ContributionYear {
  int year = 0;
  std::vector<ContributionPeriod> periods;  // ordered by `from`
  int weeks_for_right = 0;                  // whole weeks, this gestione, this year
  Cents pay = 0;
};

struct GestioneRecord {
  Gestione gestione = Gestione::fpld;
  std::vector<ContributionYear> years;      // oldest first
  int weeks_for_right = 0;
};

struct ContributionRecord {
  std::vector<GestioneRecord> gestioni;     // in the order of kAllGestioni, only those with periods
  std::map<int, int> weeks_by_year;         // all gestioni, at most 52 a year: the chart's bars
  int total_weeks_for_right = 0;            // every year together, each at most 52 weeks
  std::size_t period_count = 0;
  bool empty() const { return period_count == 0; }
};

// Groups `periods` (any order) into a record.
ContributionRecord summarize(std::vector<ContributionPeriod> periods);

}  // namespace sportello
