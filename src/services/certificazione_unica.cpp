#include "services/certificazione_unica.h"

#include <algorithm>

namespace sportello {
namespace {

Error bad_cu(std::string field, std::string message) {
  return Error::invalid("invalid-cu", std::move(message), std::move(field));
}

bool all_digits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool alphanumeric_upper(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); });
}

// The amounts of a document with the path of each in the file, to check them in one loop.
std::vector<std::pair<const char*, Cents>> amounts(const CertificazioneUnica& cu) {
  return {{"ritenute.irpef_centesimi", cu.withholdings.irpef},
          {"ritenute.addizionale_regionale_centesimi", cu.withholdings.addizionale_regionale},
          {"ritenute.addizionale_comunale_saldo_centesimi", cu.withholdings.addizionale_comunale_saldo},
          {"ritenute.addizionale_comunale_acconto_centesimi", cu.withholdings.addizionale_comunale_acconto},
          {"detrazioni.lavoro_pensione_centesimi", cu.deductions.lavoro_pensione},
          {"detrazioni.familiari_centesimi", cu.deductions.familiari},
          {"detrazioni.altre_centesimi", cu.deductions.altre},
          {"inps.imponibile_previdenziale_centesimi", cu.inps.imponibile_previdenziale},
          {"inps.contributi_lavoratore_centesimi", cu.inps.contributi_lavoratore}};
}

}  // namespace

Cents CertificazioneUnica::total_income() const {
  Cents total = 0;
  for (const CuIncome& income : incomes) total += income.amount;
  return total;
}

Cents CertificazioneUnica::total_withheld() const {
  return withholdings.irpef + withholdings.addizionale_regionale + withholdings.addizionale_comunale_saldo +
         withholdings.addizionale_comunale_acconto;
}

const char* to_string(CuIncomeKind kind) {
  return kind == CuIncomeKind::pensione ? "pensione" : "lavoro_dipendente";
}

std::optional<CuIncomeKind> parse_cu_income_kind(std::string_view text) {
  if (text == "pensione") return CuIncomeKind::pensione;
  if (text == "lavoro_dipendente") return CuIncomeKind::lavoro_dipendente;
  return std::nullopt;
}

Status validate(const CertificazioneUnica& cu, const std::string& codice_fiscale, Date today) {
  const int this_year = static_cast<int>(today.year());
  if (cu.year < 1990 || cu.year >= this_year)
    return bad_cu("anno", "The tax year must be between 1990 and " + std::to_string(this_year - 1) + ".");
  const Date first_possible{std::chrono::year{cu.year + 1}, std::chrono::January, std::chrono::day{1}};
  if (!cu.issued_on.ok() || cu.issued_on < first_possible || cu.issued_on > today)
    return bad_cu("data_rilascio", "The issue date must fall after the tax year and not after today.");
  const std::string& sostituto = cu.sostituto.codice_fiscale;
  const bool legal_person = sostituto.size() == 11 && all_digits(sostituto);
  const bool natural_person = sostituto.size() == 16 && alphanumeric_upper(sostituto);
  if (!legal_person && !natural_person)
    return bad_cu("sostituto.codice_fiscale", "The sostituto's codice fiscale must have 11 digits or 16 characters.");
  if (cu.sostituto.denominazione.empty()) return bad_cu("sostituto.denominazione", "The sostituto's name is missing.");
  if (cu.percipiente.codice_fiscale != codice_fiscale)
    return bad_cu("percipiente.codice_fiscale", "The percipiente is not the citizen the document is filed under.");
  if (cu.incomes.empty()) return bad_cu("redditi", "A CU certifies at least one income.");
  for (std::size_t i = 0; i < cu.incomes.size(); ++i) {
    const CuIncome& income = cu.incomes[i];
    const std::string at = "redditi[" + std::to_string(i) + "]";
    for (std::size_t j = 0; j < i; ++j)
      if (cu.incomes[j].kind == income.kind) return bad_cu(at + ".tipo", "Each kind of income appears once.");
    if (income.amount < 0) return bad_cu(at + ".importo_centesimi", "An income cannot be negative.");
    if (income.days < 0 || income.days > 366) return bad_cu(at + ".giorni", "Days must be between 0 and 366.");
  }
  for (const auto& [field, amount] : amounts(cu))
    if (amount < 0) return bad_cu(field, "The amount cannot be negative.");
  return Ok{};
}

}  // namespace sportello
