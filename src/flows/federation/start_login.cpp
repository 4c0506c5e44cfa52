#include "flows/federation/start_login.h"

#include "core/digest.h"
#include "core/random.h"

namespace sportello {

Result<StartedLogin> StartFederatedLogin::run(const std::string& idp_entity_id, const std::string& return_path) {
  const federation::IdentityProvider* idp = federation_.idps.find(idp_entity_id);
  if (idp == nullptr)
    return Error::invalid("unknown-idp", "This identity provider is not one sportello accepts.", "idp");
  const Instant now = ctx_.clock.now();
  const std::string relay_state = random_token();
  federation::AuthnRequestInput input{"_" + sha256_hex(random_bytes(32)).substr(0, 40), now, federation_.sp.level,
                                      relay_state};
  auto request = federation::make_authn_request(federation_.sp, federation_.key, *idp, input, federation_.prefer_post);
  if (!request) return request.error();

  StartedLogin started{std::move(*request), random_token(), now + federation_.request_lifetime};
  federation::PendingLogin pending{sha256_hex(relay_state), input.id,  idp->entity_id,      input.level,
                                   sha256_hex(started.browser_token), return_path, now, started.expires_at};
  Status saved = ctx_.store.run([&](Repositories& repos) -> Status {
    repos.pending_logins().purge_expired(now);
    repos.pending_logins().add(pending);
    return Ok{};
  });
  if (!saved) return saved.error();
  return started;
}

}  // namespace sportello
