#include "documents/record_labels.h"

#include <array>
#include <utility>

namespace sportello {
namespace {

// The best-known pension categories only; a slip of another category shows its code alone.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kCategories{{
    {"VO", "Vecchiaia o anzianità"},
    {"SO", "Superstiti"},
    {"IO", "Invalidità"},
    {"AS", "Assegno sociale"},
    {"PS", "Pensione sociale"},
}};

constexpr std::array<const char*, 12> kMonths{"gennaio", "febbraio", "marzo",     "aprile",  "maggio",   "giugno",
                                              "luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre"};

std::string counted(long long count, const char* one, const char* many) {
  return count_it(count) + " " + (count == 1 ? one : many);
}

}  // namespace

const char* gestione_label_it(Gestione gestione) {
  switch (gestione) {
    case Gestione::fpld: return "Fondo pensioni lavoratori dipendenti (FPLD)";
    case Gestione::gestione_separata: return "Gestione separata";
    case Gestione::ex_inpdap: return "Gestione dipendenti pubblici (ex INPDAP)";
    case Gestione::artigiani: return "Gestione artigiani";
    case Gestione::commercianti: return "Gestione commercianti";
    case Gestione::spettacolo: return "Fondo pensioni lavoratori dello spettacolo (ex ENPALS)";
  }
  return "";
}

const char* kind_label_it(ContributionKind kind) {
  switch (kind) {
    case ContributionKind::obbligatoria: return "Obbligatoria";
    case ContributionKind::figurativa: return "Figurativa";
    case ContributionKind::volontaria: return "Volontaria";
    case ContributionKind::riscatto: return "Riscatto";
  }
  return "";
}

std::string units_it(int count, ContributionUnit unit) {
  switch (unit) {
    case ContributionUnit::weeks: return counted(count, "settimana", "settimane");
    case ContributionUnit::days: return counted(count, "giorno", "giorni");
    case ContributionUnit::months: return counted(count, "mese", "mesi");
  }
  return count_it(count);
}

const char* income_kind_label_it(CuIncomeKind kind) {
  switch (kind) {
    case CuIncomeKind::lavoro_dipendente: return "Redditi di lavoro dipendente e assimilati";
    case CuIncomeKind::pensione: return "Redditi di pensione";
  }
  return "";
}

std::string_view pension_category_label_it(std::string_view category) {
  for (const auto& [code, label] : kCategories)
    if (code == category) return label;
  return {};
}

std::string month_it(std::chrono::year_month month) {
  const unsigned m = static_cast<unsigned>(month.month());
  const std::string name = m >= 1 && m <= 12 ? kMonths[m - 1] : "?";
  return name + " " + std::to_string(static_cast<int>(month.year()));
}

std::string count_it(long long count) {
  const std::string digits = std::to_string(count < 0 ? -count : count);
  std::string out = count < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string weeks_as_years_it(int weeks) {
  const int years = weeks / 52, rest = weeks % 52;
  if (years == 0) return counted(rest, "settimana", "settimane");
  std::string text = counted(years, "anno", "anni");
  if (rest > 0) text += " e " + counted(rest, "settimana", "settimane");
  return text;
}

}  // namespace sportello
