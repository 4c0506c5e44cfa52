#pragma once
// How a mandate is written on a page, the same for its holder (/area-riservata/deleghe) and for the
// patronato's console: what it covers, and the badge of its state.
#include <string>

#include "intermediaries/mandate.h"
#include "web/applications_pages.h"

namespace sportello::web {

// The text `every_service_key` names when the mandate covers every service (each audience has its own
// sentence), else the covered application types' names joined with ", ".
std::string mandate_scope_text(const ApplicationsText& text, const MandateScope& scope, const std::string& every_service_key);

// The badge class of a state: active green, revoked grey, expired dark.
const char* mandate_state_badge(MandateState state);

}  // namespace sportello::web
