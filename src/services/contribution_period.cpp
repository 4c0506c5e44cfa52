#include "services/contribution_period.h"

#include <algorithm>

namespace sportello {
namespace {

int days_in(const ContributionPeriod& p) {
  return static_cast<int>((std::chrono::sys_days{p.to} - std::chrono::sys_days{p.from}).count()) + 1;
}

int most_units(const ContributionPeriod& p) {
  switch (p.unit) {
    case ContributionUnit::weeks: return std::min((days_in(p) + 6) / 7, 52);  // a year credits 52 weeks
    case ContributionUnit::days: return days_in(p);
    case ContributionUnit::months:
      return static_cast<int>(static_cast<unsigned>(p.to.month())) - static_cast<int>(static_cast<unsigned>(p.from.month())) + 1;
  }
  return 0;
}

Error bad_period(const char* field, std::string message) { return Error::invalid("invalid-contribution", std::move(message), field); }

}  // namespace

Status validate(const ContributionPeriod& p, Date today) {
  if (!p.from.ok()) return bad_period("dal", "The start date is not a date.");
  if (!p.to.ok()) return bad_period("al", "The end date is not a date.");
  if (p.to < p.from) return bad_period("al", "The end date is before the start date.");
  if (p.to.year() != p.from.year()) return bad_period("al", "A period must end in the year it begins.");
  if (p.to > today) return bad_period("al", "The period ends in the future.");
  if (p.from.year() < std::chrono::year{1900}) return bad_period("dal", "The period begins before 1900.");
  const int most = most_units(p);
  if (p.units_for_right < 0 || p.units_for_right > most)
    return bad_period("unita_diritto", "Units for the right must be between 0 and " + std::to_string(most) + " for this period.");
  if (p.units_for_amount < 0 || p.units_for_amount > most)
    return bad_period("unita_misura", "Units for the amount must be between 0 and " + std::to_string(most) + " for this period.");
  if (p.pay < 0) return bad_period("retribuzione_centesimi", "The pay cannot be negative.");
  if (p.employer_name.size() > 120) return bad_period("datore_lavoro", "The employer's name is longer than 120 characters.");
  if (p.employer_matricola.size() > 20) return bad_period("matricola", "The matricola is longer than 20 characters.");
  if (p.note.size() > 200) return bad_period("note", "The note is longer than 200 characters.");
  return Ok{};
}

std::int64_t right_in_72ths_of_week(const ContributionPeriod& p) {
  switch (p.unit) {
    case ContributionUnit::weeks: return 72LL * p.units_for_right;
    case ContributionUnit::days: return 12LL * p.units_for_right;
    case ContributionUnit::months: return 312LL * p.units_for_right;
  }
  return 0;
}

}  // namespace sportello
