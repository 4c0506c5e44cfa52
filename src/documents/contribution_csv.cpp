// The contribution record as CSV (RFC 4180): the import file's columns in the same order, with the pay in
// euro ("retribuzione_euro", a point for decimals) instead of cents, and each row's weeks useful for the
// right ("settimane_utili", two decimals: days and months are fractions of a week). Lines end in CRLF.
#include <string>
#include <string_view>

#include "core/civil_time.h"
#include "documents/records_pdf.h"

namespace sportello {
namespace {

constexpr const char* kHeader =
    "gestione,dal,al,tipo,unita,unita_diritto,unita_misura,retribuzione_euro,datore_lavoro,matricola,note,"
    "settimane_utili\r\n";

// A field quoted when it holds a comma, a quote or a line break, its quotes doubled (RFC 4180 §2.6-2.7).
// Text that a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) gets a leading
// apostrophe, as OWASP advises for CSV files opened in spreadsheets: imported texts are not ours to trust.
void append_field(std::string& out, const std::string& raw) {
  const bool formula = !raw.empty() && std::string_view("=+-@\t\r").find(raw.front()) != std::string_view::npos;
  const std::string value = formula ? "'" + raw : raw;
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// 72ths of a week as weeks with two decimals, rounded half up: 312 (one month) -> "4.33".
std::string weeks_decimal(std::int64_t seventy_seconds) {
  const std::int64_t hundredths = (seventy_seconds * 100 + 36) / 72;
  std::string cents = std::to_string(hundredths % 100);
  return std::to_string(hundredths / 100) + "." + (cents.size() < 2 ? "0" : "") + cents;
}

void append_row(std::string& out, const ContributionPeriod& p) {
  out += to_string(p.gestione);
  out += ',' + format_date(p.from) + ',' + format_date(p.to) + ',';
  out += to_string(p.kind);
  out += ',';
  out += to_string(p.unit);
  out += ',' + std::to_string(p.units_for_right) + ',' + std::to_string(p.units_for_amount) + ',';
  out += format_euro_plain(p.pay) + ',';
  append_field(out, p.employer_name);
  out += ',';
  append_field(out, p.employer_matricola);
  out += ',';
  append_field(out, p.note);
  out += ',' + weeks_decimal(right_in_72ths_of_week(p)) + "\r\n";
}

}  // namespace

std::string contribution_record_csv(const ContributionRecord& record) {
  std::string out = kHeader;
  out.reserve(out.size() + record.period_count * 120);
  for (const GestioneRecord& g : record.gestioni)
    for (const ContributionYear& y : g.years)
      for (const ContributionPeriod& p : y.periods) append_row(out, p);
  return out;
}

}  // namespace sportello
