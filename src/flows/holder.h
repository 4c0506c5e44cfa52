#pragma once
// A citizen together with their PIN credential: what most flows look up by codice fiscale or id.
#include <string>

#include "credential/credential.h"
#include "identity/citizen.h"

namespace sportello {

struct Holder {
  Citizen citizen;
  Credential credential;
  std::string subject() const { return "citizen:" + std::to_string(citizen.id); }
};

}  // namespace sportello
