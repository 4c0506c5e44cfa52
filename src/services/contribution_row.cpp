#include "services/contribution_row.h"

#include <iterator>

namespace sportello {
namespace {

enum PeriodColumn : std::size_t { cf, gestione, dal, al, tipo, unita, unita_diritto, unita_misura, retribuzione, datore, matricola, note };

// "a, b, c": the machine names of the first `count` enumerators.
template <typename Enum>
std::string names_of(int count) {
  std::string names;
  for (int i = 0; i < count; ++i) names += std::string(i ? ", " : "") + to_string(static_cast<Enum>(i));
  return names;
}

template <typename Enum>
bool read_enum(std::string_view text, std::string_view field, std::optional<Enum> parsed, int count, Enum& out,
               std::vector<RowProblem>& problems) {
  if (!parsed) {
    problems.push_back(
        {std::string(field), "\"" + std::string(text.substr(0, 40)) + "\" is not one of " + names_of<Enum>(count) + "."});
    return false;
  }
  out = *parsed;
  return true;
}

}  // namespace

Result<ContributionRowParser> ContributionRowParser::for_header(const CsvRecord& header) {
  auto columns = CsvColumns::map(header, kContributionColumns);
  if (!columns) return columns.error();
  return ContributionRowParser(std::move(*columns));
}

std::string_view ContributionRowParser::parse(const CsvRecord& record, ContributionPeriod& period,
                                              std::vector<RowProblem>& problems) const {
  if (!columns_.has_all_fields(record, problems)) return {};
  const auto at = [&](PeriodColumn c) { return columns_.get(record, c); };
  const auto name = [](PeriodColumn c) { return kContributionColumns[c]; };
  read_enum(at(gestione), name(gestione), parse_gestione(at(gestione)), static_cast<int>(std::size(kAllGestioni)), period.gestione,
            problems);
  read_date(at(dal), name(dal), period.from, problems);
  read_date(at(al), name(al), period.to, problems);
  read_enum(at(tipo), name(tipo), parse_contribution_kind(at(tipo)), 4, period.kind, problems);
  read_enum(at(unita), name(unita), parse_contribution_unit(at(unita)), 3, period.unit, problems);
  read_count(at(unita_diritto), name(unita_diritto), period.units_for_right, problems);
  read_count(at(unita_misura), name(unita_misura), period.units_for_amount, problems);
  read_cents(at(retribuzione), name(retribuzione), period.pay, problems);
  read_text(at(datore), name(datore), period.employer_name, problems);
  read_text(at(matricola), name(matricola), period.employer_matricola, problems);
  read_text(at(note), name(note), period.note, problems);
  return at(cf);
}

}  // namespace sportello
