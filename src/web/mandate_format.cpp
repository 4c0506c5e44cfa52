#include "web/mandate_format.h"

namespace sportello::web {

std::string mandate_scope_text(const ApplicationsText& text, const MandateScope& scope, const std::string& every_service_key) {
  if (scope.every_service) return text(every_service_key);
  std::string names;
  for (ApplicationType type : scope.types) names += (names.empty() ? "" : ", ") + text.type_name(type);
  return names;
}

const char* mandate_state_badge(MandateState state) {
  switch (state) {
    case MandateState::active: return "bg-success";
    case MandateState::revoked: return "bg-secondary";
    case MandateState::expired: return "bg-dark";
  }
  return "bg-secondary";
}

}  // namespace sportello::web
