#pragma once
// Use case (issue 12): a citizen chooses an identity provider (a SPID IdP, or CIE's) and is sent there with a
// signed AuthnRequest. The login is kept as pending (federation/pending_login.h) until its answer or its expiry;
// the browser gets a cookie value whose hash the pending login holds, so the answer is accepted only in the
// browser that asked. Errors: unknown-idp (invalid_input, field idp) for an IdP not among the configured ones;
// unavailable when the store or signing fails. One transaction (the pending login, and the expired ones purged).
#include <string>

#include "federation/authn_request.h"
#include "federation/federation.h"
#include "flows/flow_context.h"

namespace sportello {

struct StartedLogin {
  federation::OutgoingRequest request;
  std::string browser_token;      // for the login's cookie (only its SHA-256 is stored)
  Instant expires_at{};
};

class StartFederatedLogin {
 public:
  StartFederatedLogin(FlowContext& ctx, const federation::Federation& federation) : ctx_(ctx), federation_(federation) {}
  // `return_path`: where the reserved area should open after the login (already checked as a local path).
  Result<StartedLogin> run(const std::string& idp_entity_id, const std::string& return_path);

 private:
  FlowContext& ctx_;
  const federation::Federation& federation_;
};

}  // namespace sportello
