#pragma once
// Use cases of single logout with SPID and CIE (issue 12):
//  - leave(): the citizen signs out. The session ends as any does (Sessions::logout); a SPID or CIE one also
//    yields the signed LogoutRequest that tells its identity provider (none when the IdP offers no SLO).
//  - answer(): the IdP tells sportello that the citizen signed out there. The sessions it opened for that NameID
//    (and SessionIndex) end, one audit row says so, and the signed LogoutResponse goes back.
#include <optional>
#include <string>

#include "federation/federation.h"
#include "federation/single_logout.h"
#include "flows/flow_context.h"

namespace sportello {

class FederatedLogout {
 public:
  FederatedLogout(FlowContext& ctx, const federation::Federation& federation) : ctx_(ctx), federation_(federation) {}
  Result<std::optional<federation::OutgoingRequest>> leave(const std::string& token);
  Result<federation::OutgoingRequest> answer(const federation::LogoutMessage& request);

 private:
  FlowContext& ctx_;
  const federation::Federation& federation_;
};

}  // namespace sportello
