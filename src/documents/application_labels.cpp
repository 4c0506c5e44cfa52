#include "documents/application_labels.h"

#include <array>
#include <utility>

#include "core/civil_time.h"
#include "core/iban.h"
#include "documents/record_labels.h"
#include "services/gestione.h"
#include "services/money.h"

namespace sportello {
namespace {

using Label = std::pair<std::string_view, std::string_view>;

constexpr std::array<Label, 18> kFields{{
    {"data_cessazione", "Data di cessazione del rapporto di lavoro"},
    {"datore_lavoro", "Datore di lavoro"},
    {"motivo_cessazione", "Motivo della cessazione"},
    {"iban", "IBAN per l'accredito"},
    {"componenti", "Componenti del nucleo familiare (codice fiscale)"},
    {"reddito_familiare", "Reddito complessivo del nucleo"},
    {"periodo_dal", "Periodo dal"},
    {"periodo_al", "Periodo al"},
    {"universita", "Università"},
    {"corso", "Corso di laurea"},
    {"data_laurea", "Data di laurea"},
    {"durata_legale_anni", "Durata legale del corso (anni)"},
    {"anni_da_riscattare", "Anni da riscattare"},
    {"figli", "Figli (codice fiscale)"},
    {"importo", "Importo richiesto"},
    {"gestioni", "Gestioni da ricongiungere"},
    {"gestione_destinazione", "Gestione di destinazione"},
    {"motivo", "Motivazione"},
}};

constexpr std::array<Label, 4> kReasons{{
    {"licenziamento", "Licenziamento"},
    {"dimissioni_giusta_causa", "Dimissioni per giusta causa"},
    {"scadenza_contratto", "Scadenza del contratto a termine"},
    {"risoluzione_consensuale", "Risoluzione consensuale"},
}};

template <std::size_t N>
std::string_view find(const std::array<Label, N>& table, std::string_view key) {
  for (const auto& [name, label] : table)
    if (name == key) return label;
  return {};
}

}  // namespace

const char* application_type_label_it(ApplicationType type) {
  switch (type) {
    case ApplicationType::ricongiunzione: return "Ricongiunzione contributiva";
    case ApplicationType::naspi: return "NASpI – Indennità di disoccupazione";
    case ApplicationType::assegno_nucleo: return "Assegno per il nucleo familiare";
    case ApplicationType::riscatto_laurea: return "Riscatto del corso di laurea";
    case ApplicationType::bonus_baby_sitting: return "Bonus baby-sitting";
  }
  return "";
}

std::string_view application_field_label_it(std::string_view field) { return find(kFields, field); }

std::string_view application_choice_label_it(std::string_view field, std::string_view choice) {
  if (field == "motivo_cessazione") return find(kReasons, choice);
  if (field == "gestioni" || field == "gestione_destinazione")
    if (const auto gestione = parse_gestione(choice)) return gestione_label_it(*gestione);
  return {};
}

std::string application_value_it(FieldKind kind, std::string_view field, std::string_view value) {
  switch (kind) {
    case FieldKind::date:
      if (const auto date = parse_date(value)) return format_date_it(*date);
      break;
    case FieldKind::money:
      if (const auto cents = parse_cents(value)) return format_euro_it(*cents) + " €";
      break;
    case FieldKind::iban:
      if (value.size() == 27) return format_iban(value);
      break;
    case FieldKind::choice:
    case FieldKind::choices:
      if (const std::string_view label = application_choice_label_it(field, value); !label.empty())
        return std::string(label);
      break;
    case FieldKind::text:
    case FieldKind::integer:
    case FieldKind::codici_fiscali:
      break;
  }
  return std::string(value);
}

}  // namespace sportello
