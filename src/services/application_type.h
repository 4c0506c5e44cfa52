#pragma once
// The applications a citizen can file online (SPEC §5), by their stable machine names.
#include <optional>
#include <string_view>

namespace sportello {

enum class ApplicationType {
  ricongiunzione,       // ricongiunzione contributiva: periods of several gestioni joined into one
  naspi,                // unemployment benefit after the end of employment
  assegno_nucleo,       // assegno per il nucleo familiare
  riscatto_laurea,      // redeeming the years of a degree
  bonus_baby_sitting,   // vouchers for the care of children under 12
};

inline constexpr ApplicationType kAllApplicationTypes[] = {
    ApplicationType::ricongiunzione, ApplicationType::naspi, ApplicationType::assegno_nucleo,
    ApplicationType::riscatto_laurea, ApplicationType::bonus_baby_sitting};

// "ricongiunzione", "naspi", "assegno-nucleo-familiare", "riscatto-laurea", "bonus-baby-sitting".
const char* to_string(ApplicationType type);
std::optional<ApplicationType> parse_application_type(std::string_view text);

}  // namespace sportello
