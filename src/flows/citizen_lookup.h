#pragma once
// Shared by the flows: the citizen and their credential found by codice fiscale inside a transaction.
#include <optional>

#include "flows/unit_of_work.h"

namespace sportello {

struct Holder {
  Citizen citizen;
  Credential credential;
  std::string subject() const { return "citizen:" + std::to_string(citizen.id); }
};

std::optional<Holder> find_holder(Repositories& repos, const std::string& codice_fiscale);
std::optional<Holder> find_holder(Repositories& repos, std::int64_t citizen_id);

// The error a staff flow gives when nobody with a credential has that code (staff may know).
Error no_such_holder();

}  // namespace sportello
