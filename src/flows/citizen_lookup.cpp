#include "flows/citizen_lookup.h"

namespace sportello {
namespace {

std::optional<Holder> with_credential(Repositories& repos, std::optional<Citizen> citizen) {
  if (!citizen) return std::nullopt;
  auto credential = repos.credentials().find_by_citizen(citizen->id);
  if (!credential) return std::nullopt;
  return Holder{std::move(*citizen), std::move(*credential)};
}

}  // namespace

std::optional<Holder> find_holder(Repositories& repos, const std::string& codice_fiscale) {
  return with_credential(repos, repos.citizens().find_by_codice_fiscale(codice_fiscale));
}

std::optional<Holder> find_holder(Repositories& repos, std::int64_t citizen_id) {
  return with_credential(repos, repos.citizens().find(citizen_id));
}

Error no_such_holder() {
  return Error{ErrorKind::not_found, "holder-not-found", "No PIN request or PIN exists for this codice fiscale.", "codice_fiscale", {}};
}

}  // namespace sportello
