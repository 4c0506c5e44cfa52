#pragma once
// What the applications' flows share: the citizen's notice of each step (e-mail, else PEC, SMS or letter,
// through the outbox in the step's own transaction) and the errors of a missing application.
#include "core/secret_box.h"
#include "flows/unit_of_work.h"
#include "services/application.h"

namespace sportello {

// Queues "application_<state>" to the citizen, once per application and state.
void queue_application_notice(Repositories& repos, const SecretBox& box, const Citizen& citizen,
                              const Application& application, Instant now);

Error application_not_found();

}  // namespace sportello
