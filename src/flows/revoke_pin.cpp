#include "flows/revoke_pin.h"

#include "core/codice_fiscale.h"
#include "credential/pin_generator.h"
#include "flows/citizen_lookup.h"
#include "flows/delivery.h"

namespace sportello {

Status RevokePin::revoke(Repositories& repos, const std::string& actor, std::int64_t citizen_id, const std::string& why,
                         Instant now) {
  auto holder = find_holder(repos, citizen_id);
  if (!holder) return no_such_holder();
  if (auto moved = holder->credential.revoke(now); !moved) return moved;
  repos.credentials().update(holder->credential);
  repos.sessions().end_all_for(SubjectKind::citizen, citizen_id, "revoked", now);
  queue_message(repos, ctx_.box,
                {credential_event(holder->credential, "revoked"), notice_route(holder->citizen), "pin_revoked",
                 {{"name", holder->citizen.data.name}}, ""},
                now);
  repos.audit().append(actor, "pin.revoked", holder->subject(), why, now);
  return Ok{};
}

Status RevokePin::by_holder(const Session& session, const Secret& pin) {
  if (session.subject_kind != SubjectKind::citizen)
    return Error{ErrorKind::forbidden, "citizens-only", "Only citizens have a PIN.", {}, {}};
  const Instant now = ctx_.clock.now();
  std::optional<Holder> holder;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    holder = find_holder(repos, session.subject_id);
    return Ok{};
  });
  if (!read) return read;
  if (!holder || !ctx_.hasher.verify(holder->credential.pin_hash, normalise_typed_pin(pin.reveal())))
    return Error{ErrorKind::wrong_secret, "wrong-pin", "The PIN is not right.", "pin", {}};
  return ctx_.store.run([&](Repositories& repos) -> Status {
    return revoke(repos, holder->subject(), holder->citizen.id, "by holder", now);
  });
}

Status RevokePin::by_staff(const Actor& actor, const std::string& typed_code, bool identity_checked,
                           const std::string& reason) {
  if (auto allowed = actor.require({Role::office, Role::contact_center}); !allowed) return allowed;
  if (!identity_checked)
    return Error::invalid("identity-not-checked", "Check the holder's identity before revoking.", "identity_checked");
  const Instant now = ctx_.clock.now();
  auto cf = CodiceFiscale::parse(typed_code, ctx_.places, rome_date(now));
  if (!cf) return cf.error();
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto citizen = repos.citizens().find_by_codice_fiscale(cf->code());
    if (!citizen) return no_such_holder();
    return revoke(repos, actor.id, citizen->id, reason.empty() ? "by staff" : reason, now);
  });
}

}  // namespace sportello
