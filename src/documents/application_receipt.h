#pragma once
// The receipt of a filed application (SPEC §5, issue 10), as PDF: the protocol number, the date and time of
// filing in Europe/Rome, the applicant, a summary of the data as filed (labels in Italian), and each
// attachment's name and SHA-256. Pure; thread-safe.
#include <string>

#include "identity/citizen.h"
#include "services/application.h"

namespace sportello {

std::string render_application_receipt(const Application& application, const Citizen& applicant);

}  // namespace sportello
