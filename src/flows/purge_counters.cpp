#include "flows/purge_counters.h"

#include <algorithm>

namespace sportello {

Result<PurgedCounts> purge_counters(FlowContext& ctx) {
  PurgedCounts purged;
  const FlowPolicies& p = ctx.policies;
  // One purge for every action: a window is kept until the longest of them has passed (a shorter one that
  // ended is already ignored by the count).
  const Seconds longest = std::max({p.requests_per_code.window, p.recoveries_per_code.window, p.renewals_per_code.window});
  auto status = ctx.store.run([&](Repositories& repos) -> Status {
    const Instant now = ctx.clock.now();
    purged.lockouts = repos.lockouts().purge_forgotten(p.lockout, now);
    purged.allowances = repos.allowances().purge_ended(longest, now);
    purged.pending_logins = repos.pending_logins().purge_expired(now);
    return Ok{};
  });
  if (!status) return status.error();
  return purged;
}

}  // namespace sportello
