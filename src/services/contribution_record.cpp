#include "services/contribution_record.h"

#include <algorithm>

namespace sportello {
namespace {

constexpr std::int64_t kWeek = 72;       // the unit of right_in_72ths_of_week
constexpr std::int64_t kYearCap = 52 * kWeek;

int year_of(const ContributionPeriod& p) { return static_cast<int>(p.from.year()); }

}  // namespace

ContributionRecord summarize(std::vector<ContributionPeriod> periods) {
  std::stable_sort(periods.begin(), periods.end(), [](const ContributionPeriod& a, const ContributionPeriod& b) {
    return a.from < b.from;
  });
  ContributionRecord record;
  record.period_count = periods.size();
  std::map<int, std::int64_t> all_by_year;  // 72ths of a week, every gestione
  for (Gestione g : kAllGestioni) {
    GestioneRecord gestione{g, {}, 0};
    std::int64_t gestione_total = 0;
    for (ContributionPeriod& p : periods) {
      if (p.gestione != g) continue;
      const int year = year_of(p);
      if (gestione.years.empty() || gestione.years.back().year != year) gestione.years.push_back({year, {}, 0, 0});
      ContributionYear& y = gestione.years.back();
      y.pay += p.pay;
      all_by_year[year] += right_in_72ths_of_week(p);
      y.periods.push_back(std::move(p));
    }
    if (gestione.years.empty()) continue;
    for (ContributionYear& y : gestione.years) {
      std::int64_t units = 0;
      for (const ContributionPeriod& p : y.periods) units += right_in_72ths_of_week(p);
      units = std::min(units, kYearCap);
      y.weeks_for_right = static_cast<int>(units / kWeek);
      gestione_total += units;
    }
    gestione.weeks_for_right = static_cast<int>(gestione_total / kWeek);
    record.gestioni.push_back(std::move(gestione));
  }
  std::int64_t total = 0;
  for (const auto& [year, units] : all_by_year) {
    const std::int64_t capped = std::min(units, kYearCap);
    record.weeks_by_year[year] = static_cast<int>(capped / kWeek);
    total += capped;
  }
  record.total_weeks_for_right = static_cast<int>(total / kWeek);
  return record;
}

}  // namespace sportello
