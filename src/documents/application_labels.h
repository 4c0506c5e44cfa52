#pragma once
// The Italian words a citizen reads on paper about an application (its receipt, SPEC §5): each type's title,
// each field's label, the names of the choices offered, and a stored value written for people (dates as
// dd/mm/yyyy, euro from cents, the IBAN in groups of four, choices by name). The machine names stay in
// services/; a name this list does not know is printed as it is stored. Pure; thread-safe.
#include <string>
#include <string_view>

#include "services/application_form.h"
#include "services/application_type.h"

namespace sportello {

// "Ricongiunzione contributiva", "NASpI – Indennità di disoccupazione", ...
const char* application_type_label_it(ApplicationType type);

// "Data di cessazione del rapporto di lavoro" for "data_cessazione"; empty for a field this list does not know.
std::string_view application_field_label_it(std::string_view field);

// The name of one of a field's choices: "Licenziamento" for motivo_cessazione's "licenziamento", a gestione's
// name for gestioni and gestione_destinazione; empty when unknown.
std::string_view application_choice_label_it(std::string_view field, std::string_view choice);

// One stored value of `field`, of `kind`, as printed: "2026-02-27" -> "27/02/2026", money "123456" ->
// "1.234,56 €", an electronic IBAN in groups of four, a choice by its name; anything else (or a value that
// does not read as its kind) as stored.
std::string application_value_it(FieldKind kind, std::string_view field, std::string_view value);

}  // namespace sportello
