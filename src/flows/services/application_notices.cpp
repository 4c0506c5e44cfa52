#include "flows/services/application_notices.h"

#include "flows/delivery.h"

namespace sportello {

void queue_application_notice(Repositories& repos, const SecretBox& box, const Citizen& citizen,
                              const Application& application, Instant now) {
  const std::string state = to_string(application.state);
  queue_message(repos, box,
                {"application:" + std::to_string(application.id) + ":" + state, notice_route(citizen),
                 "application_" + state,
                 {{"name", citizen.data.name}, {"protocol", application.protocol},
                  {"reason", application.decision_reason()}},
                 ""},
                now);
}

Error application_not_found() {
  return Error{ErrorKind::not_found, "application-not-found", "There is no such application.", "id", {}};
}

}  // namespace sportello
