#pragma once
// A citizen together with their PIN credential: what most flows look up by codice fiscale or id.
#include <string>

#include "audit/audit_entry.h"
#include "credential/credential.h"
#include "identity/citizen.h"

namespace sportello {

struct Holder {
  Citizen citizen;
  Credential credential;
  std::string subject() const { return citizen_ref(citizen.id); }
};

}  // namespace sportello
