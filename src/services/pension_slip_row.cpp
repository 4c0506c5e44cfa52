#include "services/pension_slip_row.h"

namespace sportello {
namespace {

enum SlipColumn : std::size_t {
  titolare, mese, categoria, numero, lordo, irpef, add_regionale, add_comunale, conguaglio, altre, arretrati, netto, sede,
  modalita
};

}  // namespace

Result<PensionSlipRowParser> PensionSlipRowParser::for_header(const CsvRecord& header) {
  auto columns = CsvColumns::map(header, kPensionSlipColumns);
  if (!columns) return columns.error();
  return PensionSlipRowParser(std::move(*columns));
}

std::string_view PensionSlipRowParser::parse(const CsvRecord& record, PensionSlip& slip,
                                             std::vector<RowProblem>& problems) const {
  if (!columns_.has_all_fields(record, problems)) return {};
  const auto at = [&](SlipColumn c) { return columns_.get(record, c); };
  const auto name = [](SlipColumn c) { return kPensionSlipColumns[c]; };
  if (const auto month = parse_year_month(at(mese))) slip.month = *month;
  else problems.push_back({"mese", "Expected a month as YYYY-MM, found \"" + std::string(at(mese).substr(0, 40)) + "\"."});
  read_text(at(categoria), name(categoria), slip.category, problems);
  read_text(at(numero), name(numero), slip.pension_number, problems);
  const std::pair<SlipColumn, Cents*> amounts[] = {
      {lordo, &slip.gross},          {irpef, &slip.irpef},           {add_regionale, &slip.addizionale_regionale},
      {add_comunale, &slip.addizionale_comunale}, {conguaglio, &slip.conguaglio_730},
      {altre, &slip.other_deductions}, {arretrati, &slip.arrears},   {netto, &slip.net}};
  for (const auto& [column, target] : amounts) read_cents(at(column), name(column), *target, problems);
  read_text(at(sede), name(sede), slip.paying_office, problems);
  read_text(at(modalita), name(modalita), slip.payment_method, problems);
  return at(titolare);
}

}  // namespace sportello
