#pragma once
// Reads one row of a contributions file (CSV; docs/import-formats.md) into a ContributionPeriod: every
// column's text to its type, one problem per column that cannot be read. The period's rules (dates in one
// year, units the period allows, ...) are validate()'s (services/contribution_period.h). Pure; thread-safe.
#include <string_view>
#include <vector>

#include "services/contribution_period.h"
#include "services/import_fields.h"

namespace sportello {

inline constexpr std::string_view kContributionColumns[] = {
    "codice_fiscale", "gestione",     "dal",                    "al",            "tipo",      "unita",
    "unita_diritto",  "unita_misura", "retribuzione_centesimi", "datore_lavoro", "matricola", "note"};

class ContributionRowParser {
 public:
  // Errors: import-columns (the header lacks a column, repeats one or has one more).
  static Result<ContributionRowParser> for_header(const CsvRecord& header);

  // Fills `period` (all but id and citizen_id) from `record` and returns the codice fiscale as written
  // (trimmed; a view into `record`). Appends a problem per column that cannot be read; `period` is then
  // partly filled and must not be stored.
  std::string_view parse(const CsvRecord& record, ContributionPeriod& period, std::vector<RowProblem>& problems) const;

 private:
  explicit ContributionRowParser(CsvColumns columns) : columns_(std::move(columns)) {}
  CsvColumns columns_;
};

}  // namespace sportello
