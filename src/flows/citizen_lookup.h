#pragma once
// Shared by the flows: the citizen and their credential found by codice fiscale inside a transaction.
#include <functional>
#include <optional>

#include "flows/flow_context.h"
#include "flows/holder.h"
#include "flows/unit_of_work.h"

namespace sportello {

std::optional<Holder> find_holder(Repositories& repos, const std::string& codice_fiscale);
std::optional<Holder> find_holder(Repositories& repos, std::int64_t citizen_id);

// The error a staff flow gives when nobody with a credential has that code (staff may know).
Error no_such_holder();

// The staff flows' shape: the typed codice fiscale is parsed (its errors returned as they are), then
// `change` runs on its holder in one transaction; holder-not-found when there is none.
Status change_holder(FlowContext& ctx, const std::string& typed_code, Instant now,
                     const std::function<Status(Repositories&, Holder&)>& change);

}  // namespace sportello
