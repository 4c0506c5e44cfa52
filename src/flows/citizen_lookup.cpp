#include "flows/citizen_lookup.h"

#include "core/civil_time.h"
#include "core/codice_fiscale.h"

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

Status change_holder(FlowContext& ctx, const std::string& typed_code, Instant now,
                     const std::function<Status(Repositories&, Holder&)>& change) {
  auto cf = CodiceFiscale::parse(typed_code, ctx.places, rome_date(now));
  if (!cf) return cf.error();
  return ctx.store.run([&](Repositories& repos) -> Status {
    auto holder = find_holder(repos, cf->code());
    if (!holder) return no_such_holder();
    return change(repos, *holder);
  });
}

}  // namespace sportello
