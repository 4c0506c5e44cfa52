#include "services/gestione.h"

#include <array>
#include <utility>

namespace sportello {
namespace {

template <typename E, std::size_t N>
std::optional<E> find_named(const std::array<std::pair<E, const char*>, N>& names, std::string_view text) {
  for (const auto& [value, name] : names)
    if (text == name) return value;
  return std::nullopt;
}

template <typename E, std::size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& names, E value) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return "";
}

constexpr std::array<std::pair<Gestione, const char*>, 6> kGestioni{{
    {Gestione::fpld, "fpld"},
    {Gestione::gestione_separata, "gestione_separata"},
    {Gestione::ex_inpdap, "ex_inpdap"},
    {Gestione::artigiani, "artigiani"},
    {Gestione::commercianti, "commercianti"},
    {Gestione::spettacolo, "spettacolo"},
}};

constexpr std::array<std::pair<ContributionKind, const char*>, 4> kKinds{{
    {ContributionKind::obbligatoria, "obbligatoria"},
    {ContributionKind::figurativa, "figurativa"},
    {ContributionKind::volontaria, "volontaria"},
    {ContributionKind::riscatto, "riscatto"},
}};

constexpr std::array<std::pair<ContributionUnit, const char*>, 3> kUnits{{
    {ContributionUnit::weeks, "settimane"},
    {ContributionUnit::days, "giorni"},
    {ContributionUnit::months, "mesi"},
}};

}  // namespace

const char* to_string(Gestione gestione) { return name_of(kGestioni, gestione); }
const char* to_string(ContributionKind kind) { return name_of(kKinds, kind); }
const char* to_string(ContributionUnit unit) { return name_of(kUnits, unit); }
std::optional<Gestione> parse_gestione(std::string_view text) { return find_named(kGestioni, text); }
std::optional<ContributionKind> parse_contribution_kind(std::string_view text) { return find_named(kKinds, text); }
std::optional<ContributionUnit> parse_contribution_unit(std::string_view text) { return find_named(kUnits, text); }

}  // namespace sportello
