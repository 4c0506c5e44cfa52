// The institute's files that sportelloctl imports (services/: docs/import-formats.md). The input is read
//   - as CSV (csv_reader.h), whole and again in chunks of a few bytes, then as a contributions file and as a
//     pension slips file: the first record the header (contribution_row.h, pension_slip_row.h), each next
//     one a row parsed and, when read well, validated (contribution_period.h, pension_slip.h);
//   - as JSON Lines of Certificazioni Uniche (cu_document.h), each document parsed and, when read well,
//     validated (certificazione_unica.h), as flows/services/import_records.cpp does;
//   - and what is stored is summed as the reserved area shows it (contribution_record.h, CU totals).
//
// Properties beyond "no crash": reading in chunks of 4-10 bytes gives the same records (lines, fields,
// faults) as reading at once; bytes_read() ends at the input's size; a stored CU's totals are not negative (its
// amounts are not, and the sums must not overflow).
#include <sstream>
#include <string>

#include "core/codice_fiscale.h"
#include "fuzz_support.h"
#include "services/contribution_record.h"
#include "services/contribution_row.h"
#include "services/cu_document.h"
#include "services/pension_slip_row.h"

namespace {

using namespace sportello;

struct Row {
  std::uint64_t line;
  std::vector<std::string> fields;
  std::string fault;
  bool operator==(const Row&) const = default;
};

std::vector<Row> read_csv(std::string_view input, std::size_t chunk, std::uint64_t& bytes) {
  std::istringstream in{std::string(input)};
  CsvReader reader(in, chunk);
  CsvRecord record;
  std::vector<Row> rows;
  while (reader.next(record)) rows.push_back({record.line, {record.fields.begin(), record.fields.end()}, record.fault});
  FUZZ_CHECK(!reader.stream_failed(), "stream failed");
  bytes = reader.bytes_read();
  return rows;
}

// The rows that parse and validate, as the import stores them.
template <typename Parser, typename Value>
std::vector<Value> import_rows(std::string_view input) {
  std::istringstream in{std::string(input)};
  CsvReader reader(in, 64);
  CsvRecord record;
  std::vector<Value> stored;
  if (!reader.next(record)) return stored;
  auto parser = Parser::for_header(record);
  if (!parser) return stored;
  std::vector<RowProblem> problems;
  while (reader.next(record)) {
    if (!record.fault.empty()) continue;
    Value value{};
    problems.clear();
    const std::string_view written = parser->parse(record, value, problems);
    (void)written;
    if (problems.empty() && validate(value, fuzz::kToday)) stored.push_back(std::move(value));
  }
  return stored;
}

void import_cus(std::string_view input) {
  for (std::string_view line : fuzz::split(input, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim_spaces(line).empty()) continue;
    CertificazioneUnica cu;
    std::vector<RowProblem> problems;
    const std::string written = parse_cu_document(line, cu, problems);
    if (!problems.empty()) continue;
    auto holder = CodiceFiscale::parse(written, fuzz::places(), fuzz::kToday);
    if (!holder) continue;
    if (auto percipiente = CodiceFiscale::parse(cu.percipiente.codice_fiscale, fuzz::places(), fuzz::kToday))
      cu.percipiente.codice_fiscale = percipiente->code();
    if (!validate(cu, holder->code(), fuzz::kToday)) continue;
    // What the reserved area shows of a stored CU (web/records_pages.cpp, http/api/records_json.cpp).
    FUZZ_CHECK(cu.total_income() >= 0 && cu.total_withheld() >= 0, std::string(line.substr(0, 200)));
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::places();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  std::uint64_t whole_bytes = 0, chunked_bytes = 0;
  const auto whole = read_csv(input, size + 16, whole_bytes);  // the whole input in one chunk
  const auto chunked = read_csv(input, 4 + size % 7, chunked_bytes);
  FUZZ_CHECK(whole == chunked, "chunked reading differs, chunk " + std::to_string(4 + size % 7));
  FUZZ_CHECK(whole_bytes == size && chunked_bytes == size,
             std::to_string(whole_bytes) + " / " + std::to_string(chunked_bytes) + " of " + std::to_string(size));
  // The record the reserved area shows from the stored periods (services/contribution_record.h).
  const ContributionRecord record = summarize(import_rows<ContributionRowParser, ContributionPeriod>(input));
  FUZZ_CHECK(record.total_weeks_for_right >= 0, std::to_string(record.total_weeks_for_right));
  for (const PensionSlip& slip : import_rows<PensionSlipRowParser, PensionSlip>(input))
    FUZZ_CHECK(slip.net == slip.expected_net(), format_year_month(slip.month));
  import_cus(input);
  return 0;
}
