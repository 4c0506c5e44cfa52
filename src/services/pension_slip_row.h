#pragma once
// Reads one row of a pension slips file (CSV; docs/import-formats.md) into a PensionSlip: every column's
// text to its type, one problem per column that cannot be read. The slip's rules (the net adds up, the
// category's shape, ...) are validate()'s (services/pension_slip.h). Pure; thread-safe.
#include <string_view>
#include <vector>

#include "services/import_fields.h"
#include "services/pension_slip.h"

namespace sportello {

inline constexpr std::string_view kPensionSlipColumns[] = {
    "codice_fiscale",         "mese",
    "categoria",              "numero_pensione",
    "lordo_centesimi",        "irpef_centesimi",
    "addizionale_regionale_centesimi", "addizionale_comunale_centesimi",
    "conguaglio_730_centesimi",        "altre_trattenute_centesimi",
    "arretrati_centesimi",    "netto_centesimi",
    "sede_pagatrice",         "modalita_pagamento"};

class PensionSlipRowParser {
 public:
  // Errors: import-columns (the header lacks a column, repeats one or has one more).
  static Result<PensionSlipRowParser> for_header(const CsvRecord& header);

  // Fills `slip` (all but id and citizen_id) from `record` and returns the codice fiscale as written
  // (trimmed; a view into `record`). Appends a problem per column that cannot be read.
  std::string_view parse(const CsvRecord& record, PensionSlip& slip, std::vector<RowProblem>& problems) const;

 private:
  explicit PensionSlipRowParser(CsvColumns columns) : columns_(std::move(columns)) {}
  CsvColumns columns_;
};

}  // namespace sportello
