#pragma once
// The pre-filled request form for level dispositivo (SPEC §4.7) as a one-page A4 PDF, in Italian: the
// holder's data, the declaration to sign, and what to attach. Pure rendering: data in, PDF bytes out.
#include <string>

#include "core/clock.h"
#include "identity/citizen.h"

namespace sportello {

std::string render_dispositivo_form(const Citizen& citizen, Instant now);

}  // namespace sportello
