#pragma once
// The Italian words the reserved area's documents print for the records' vocabulary (gestioni, kinds of
// contribution, units, kinds of CU income, pension categories, months) and for counts. The machine names
// stay in services/; these are what a citizen reads on paper. Pure; thread-safe.
#include <chrono>
#include <string>
#include <string_view>

#include "services/certificazione_unica.h"
#include "services/gestione.h"

namespace sportello {

// "Fondo pensioni lavoratori dipendenti (FPLD)", "Gestione separata", ...
const char* gestione_label_it(Gestione gestione);
// "Obbligatoria", "Figurativa", "Volontaria", "Riscatto".
const char* kind_label_it(ContributionKind kind);
// A count with its unit, singular or plural: "1 settimana", "4 settimane", "26 giorni", "1 mese".
std::string units_it(int count, ContributionUnit unit);
// "Redditi di lavoro dipendente e assimilati", "Redditi di pensione".
const char* income_kind_label_it(CuIncomeKind kind);
// The name of a pension category code ("VO" -> "Vecchiaia"); empty for a code this list does not know.
std::string_view pension_category_label_it(std::string_view category);
// "marzo 2026".
std::string month_it(std::chrono::year_month month);
// 2340 -> "2.340" (Italian thousands separator).
std::string count_it(long long count);
// Whole weeks as years and weeks: 2340 -> "45 anni", 2352 -> "45 anni e 12 settimane", 1 -> "1 settimana".
std::string weeks_as_years_it(int weeks);

}  // namespace sportello
