#include "flows/federation/logout.h"

#include "core/digest.h"
#include "core/random.h"
#include "flows/sessions.h"

namespace sportello {
namespace {

std::string new_message_id() { return "_" + sha256_hex(random_bytes(32)).substr(0, 40); }

}  // namespace

Result<std::optional<federation::OutgoingRequest>> FederatedLogout::leave(const std::string& token) {
  auto session = Sessions(ctx_).close(token);  // ended here whatever the IdP does next
  if (!session) return session.error();
  if ((session->method != "spid" && session->method != "cie") || session->name_id.empty())
    return std::optional<federation::OutgoingRequest>();
  const federation::IdentityProvider* idp = federation_.idps.find(session->provider);
  if (idp == nullptr) return std::optional<federation::OutgoingRequest>();
  auto request = federation::logout_request(federation_.sp, federation_.key, *idp, session->name_id,
                                            session->session_index, new_message_id(), ctx_.clock.now());
  if (!request) return std::optional<federation::OutgoingRequest>();  // no SLO at that IdP: signed out here only
  return std::optional<federation::OutgoingRequest>(std::move(*request));
}

Result<federation::OutgoingRequest> FederatedLogout::answer(const federation::LogoutMessage& request) {
  const Instant now = ctx_.clock.now();
  Status ended = ctx_.store.run([&](Repositories& repos) -> Status {
    int count = 0;
    if (request.session_indexes.empty()) {
      count = repos.sessions().end_federated(request.idp->entity_id, request.name_id, "", "idp-logout", now);
    } else {
      for (const std::string& index : request.session_indexes)
        count += repos.sessions().end_federated(request.idp->entity_id, request.name_id, index, "idp-logout", now);
    }
    repos.audit().append("idp", "session.idp-logout", "", request.idp->entity_id + " ended " + std::to_string(count), now);
    return Ok{};
  });
  if (!ended) return ended.error();
  return federation::logout_response(federation_.sp, federation_.key, *request.idp, request.id, new_message_id(), now,
                                     request.relay_state);
}

}  // namespace sportello
