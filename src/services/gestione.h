#pragma once
// The vocabulary of the contribution record (estratto conto contributivo, SPEC §5): the fund (gestione)
// a period was paid into, the kind of contribution and the unit its length is counted in. Each has a stable
// machine name used in the import files, the API and the database; people see translated labels.
#include <optional>
#include <string_view>

namespace sportello {

enum class Gestione {
  fpld,               // Fondo pensioni lavoratori dipendenti (AGO): private employees
  gestione_separata,  // collaborators and professionals without a fund of their own
  ex_inpdap,          // public employees (Gestione dipendenti pubblici)
  artigiani,
  commercianti,
  spettacolo,         // ex-ENPALS: entertainment and sport
};

enum class ContributionKind {
  obbligatoria,  // paid by the employer or the worker as the law requires
  figurativa,    // credited without payment (unemployment, sickness, maternity, military service)
  volontaria,    // paid voluntarily by an authorised person
  riscatto,      // redeemed (a degree, a period abroad) by the person's payment
};

// Machine names "settimane", "giorni", "mesi" (the words of the institute's files).
enum class ContributionUnit { weeks, days, months };

inline constexpr Gestione kAllGestioni[] = {Gestione::fpld,      Gestione::gestione_separata, Gestione::ex_inpdap,
                                            Gestione::artigiani, Gestione::commercianti,      Gestione::spettacolo};

const char* to_string(Gestione gestione);
const char* to_string(ContributionKind kind);
const char* to_string(ContributionUnit unit);
// The machine names above ("fpld", "gestione_separata", ...); empty optional for anything else.
std::optional<Gestione> parse_gestione(std::string_view text);
std::optional<ContributionKind> parse_contribution_kind(std::string_view text);
std::optional<ContributionUnit> parse_contribution_unit(std::string_view text);

}  // namespace sportello
