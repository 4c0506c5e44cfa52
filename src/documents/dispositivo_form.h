#pragma once
// The pre-filled request form for level dispositivo (SPEC §4.7) as a one-page A4 PDF, in Italian: the
// holder's data, the declaration to sign, and what to attach. Pure rendering: data in, PDF bytes out.
#include <string>

#include "core/belfiore.h"
#include "core/clock.h"
#include "identity/citizen.h"

namespace sportello {

// The place of birth is printed by name ("ROMA (RM)", "Francia"), as `places` knew it on the birth date.
std::string render_dispositivo_form(const Citizen& citizen, const BelfioreRegistry& places, Instant now);
// "ROMA (RM)", "Francia" for the citizen's place of birth; the code itself when the registry lacks it.
std::string birth_place_text(const PersonalData& data, const BelfioreRegistry& places);

}  // namespace sportello
