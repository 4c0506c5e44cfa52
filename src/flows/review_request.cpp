#include "flows/review_request.h"

#include <algorithm>
#include <cctype>

#include "flows/citizen_lookup.h"
#include "flows/delivery.h"

namespace sportello {

Status ReviewRequest::confirm(const Actor& actor, const std::string& typed_code) {
  if (auto allowed = actor.require({Role::contact_center, Role::office}); !allowed) return allowed;
  const Instant now = ctx_.clock.now();
  return change_holder(ctx_, typed_code, now, [&](Repositories& repos, Holder& holder) -> Status {
    Credential& credential = holder.credential;
    const std::string sealed_half = credential.pending_half_sealed;
    if (auto moved = credential.confirm_data(now, ctx_.policies.credential); !moved) return moved;
    auto half = ctx_.box.open(sealed_half);
    if (!half) return Error::unavailable("The stored second half cannot be read: " + half.error().message);
    credential.pending_half_sealed.clear();
    repos.credentials().update(credential);
    queue_message(repos, ctx_.box,
                  {credential_event(credential, "second-half"), Route{Channel::letter, postal_address(holder.citizen)},
                   "pin_second_half_letter", {{"name", holder.citizen.data.name}}, *half},
                  now);
    repos.audit().append(actor.id, "pin.request-confirmed", holder.subject(), "", now);
    return Ok{};
  });
}

Status ReviewRequest::reject(const Actor& actor, const std::string& typed_code, const std::string& reason) {
  if (auto allowed = actor.require({Role::contact_center, Role::office}); !allowed) return allowed;
  if (std::all_of(reason.begin(), reason.end(), [](unsigned char c) { return std::isspace(c) != 0; }))
    return Error::invalid("reason-required", "A rejection needs a reason.", "reason");
  const Instant now = ctx_.clock.now();
  return change_holder(ctx_, typed_code, now, [&](Repositories& repos, Holder& holder) -> Status {
    if (auto moved = holder.credential.reject_data(now); !moved) return moved;
    repos.credentials().update(holder.credential);
    queue_message(repos, ctx_.box,
                  {credential_event(holder.credential, "request-rejected"), notice_route(holder.citizen),
                   "pin_request_rejected", {{"name", holder.citizen.data.name}, {"reason", reason}}, ""},
                  now);
    repos.audit().append(actor.id, "pin.request-rejected", holder.subject(), reason, now);
    return Ok{};
  });
}

Result<std::vector<PendingRequest>> ReviewRequest::queue(const Actor& actor, int limit) {
  if (auto allowed = actor.require({Role::contact_center, Role::office}); !allowed) return allowed.error();
  const Instant now = ctx_.clock.now();
  std::vector<PendingRequest> pending;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    for (const Credential& c : repos.credentials().list_in_state(CredentialState::awaiting_confirmation, limit)) {
      auto citizen = repos.citizens().find(c.citizen_id);
      if (!citizen) continue;
      const Seconds age = now - c.issued_at;
      pending.push_back({citizen->id, citizen->codice_fiscale, citizen->data.surname, citizen->data.name, c.issued_at,
                         age, age > ctx_.policies.confirmation_window});
    }
    return Ok{};
  });
  if (!status) return status.error();
  return pending;
}

}  // namespace sportello
