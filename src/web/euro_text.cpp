#include "web/euro_text.h"

namespace sportello::web {

std::string euro_text(Cents amount, Language language) {
  return language == Language::it ? format_euro_it(amount) + kNoBreakSpace + "€" : "€" + format_euro_en(amount);
}

}  // namespace sportello::web
