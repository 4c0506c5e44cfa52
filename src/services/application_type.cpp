#include "services/application_type.h"

namespace sportello {

const char* to_string(ApplicationType type) {
  switch (type) {
    case ApplicationType::ricongiunzione: return "ricongiunzione";
    case ApplicationType::naspi: return "naspi";
    case ApplicationType::assegno_nucleo: return "assegno-nucleo-familiare";
    case ApplicationType::riscatto_laurea: return "riscatto-laurea";
    case ApplicationType::bonus_baby_sitting: return "bonus-baby-sitting";
  }
  return "";
}

std::optional<ApplicationType> parse_application_type(std::string_view text) {
  for (ApplicationType type : kAllApplicationTypes)
    if (text == to_string(type)) return type;
  return std::nullopt;
}

}  // namespace sportello
