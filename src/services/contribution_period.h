#pragma once
// One row of a citizen's contribution record (SPEC §5): a period paid into a gestione, its kind, its length
// in the gestione's unit — once as it counts for the right to a pension, once as it counts for the amount —
// the pay it was computed on, and the employer. Plain data plus the rules that check one row.
#include <cstdint>
#include <string>

#include "core/civil_time.h"
#include "core/result.h"
#include "services/gestione.h"
#include "services/money.h"

namespace sportello {

struct ContributionPeriod {
  std::int64_t id = 0;
  std::int64_t citizen_id = 0;
  Gestione gestione = Gestione::fpld;
  Date from{};
  Date to{};                         // inclusive
  ContributionKind kind = ContributionKind::obbligatoria;
  ContributionUnit unit = ContributionUnit::weeks;
  int units_for_right = 0;           // utili al diritto
  int units_for_amount = 0;          // utili alla misura
  Cents pay = 0;                     // retribuzione o reddito imponibile
  std::string employer_name;         // empty for volontaria, riscatto and self-employment
  std::string employer_matricola;    // the employer's INPS number
  std::string note;
  bool operator==(const ContributionPeriod&) const = default;
};

// Checks one row as imported: `from` <= `to`, both in one calendar year and not after `today`; each count
// of units between 0 and what the period's length allows (weeks: its days / 7 rounded up, at most 52;
// days: its days; months: the calendar months it touches); pay >= 0; employer name at most 120 characters,
// matricola at most 20, note at most 200.
// Errors name the field as the import file does ("dal", "al", "unita_diritto", ...): see
// docs/import-formats.md.
Status validate(const ContributionPeriod& period, Date today);

// The period's length for the right in 72ths of a week, the common unit that adds weeks, days (6 per week:
// 1 day = 12) and months (52 weeks / 12 months: 1 month = 312) without rounding.
std::int64_t right_in_72ths_of_week(const ContributionPeriod& period);

}  // namespace sportello
