#pragma once
// Drops the counts that bound attackers once they no longer bound anything: lockout counts that
// LockoutPolicy::forgotten says are forgotten, and allowances whose window ended (issue 15), for every code
// alike; and SPID and CIE logins whose answer never came past their time (issue 12: a login that starts purges
// them too, but nobody may start one for days). Only storage depends on it: a dropped count answers as no count
// at all, and a pending login past its time is refused whether or not it is still stored. The server runs it
// every `lockout.purge_every`; `sportelloctl lockout purge` runs it by hand.
#include "core/result.h"
#include "flows/flow_context.h"

namespace sportello {

struct PurgedCounts {
  int lockouts = 0;
  int allowances = 0;
  int pending_logins = 0;
};

// One transaction. Errors: unavailable.
Result<PurgedCounts> purge_counters(FlowContext& ctx);

}  // namespace sportello
