#pragma once
// The end of the PIN for citizens (issue 12, SPEC §7): with `[credentials] citizen_pin = "retired"` the flows a
// citizen starts with the PIN refuse before doing anything, alike for everyone (so the refusal says nothing about
// who holds one): login, the online and phone requests, the office issuance, activation, renewal and recovery
// (its start and its confirmation).
#include "flows/flow_context.h"

namespace sportello {

// expired pin-retired (410 in the API: the PIN as a kind of credential is past its time) when retired; else Ok.
inline Status citizen_pin_in_use(const FlowPolicies& policies) {
  if (!policies.citizen_pin_retired) return Ok{};
  return Error{ErrorKind::expired, "pin-retired",
               "The institute's PIN is no longer in use for citizens: enter with SPID, CIE or CNS.", "", {}};
}

}  // namespace sportello
