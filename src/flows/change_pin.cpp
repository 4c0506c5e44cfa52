#include "flows/change_pin.h"

#include "credential/pin_generator.h"
#include "flows/citizen_lookup.h"

namespace sportello {
namespace {

Error reused(int history) {
  return Error::invalid("pin-reused", "The new PIN must differ from your last " + std::to_string(history) + " PINs.",
                        "new_pin");
}

}  // namespace

Status ChangePin::run(const Session& session, const ChangePinInput& input) {
  if (session.subject_kind != SubjectKind::citizen)
    return Error{ErrorKind::forbidden, "citizens-only", "Only citizens have a PIN.", {}, {}};
  const Instant now = ctx_.clock.now();
  std::optional<Holder> holder;
  std::vector<std::string> history;
  auto read = ctx_.store.read([&](Repositories& repos) -> Status {
    holder = find_holder(repos, session.subject_id);
    if (holder) history = repos.credentials().recent_pin_hashes(holder->credential.id, ctx_.policies.pin_history);
    return Ok{};
  });
  if (!read) return read;
  if (!holder) return no_such_holder();

  const std::string current = normalise_typed_pin(input.current_pin.reveal());
  const std::string next = normalise_typed_pin(input.new_pin.reveal());
  if (!ctx_.hasher.verify(holder->credential.pin_hash, current))
    return Error{ErrorKind::wrong_secret, "wrong-pin", "The current PIN is not right.", "current_pin", {}};
  const PinOwnerFacts owner{holder->citizen.codice_fiscale, holder->citizen.data.birth_date, holder->citizen.data.surname,
                            holder->citizen.data.name};
  if (auto fine = ctx_.policies.personal_pin.check(next, owner); !fine) return fine;
  if (next == current) return reused(ctx_.policies.pin_history);
  for (const std::string& old_hash : history)
    if (ctx_.hasher.verify(old_hash, next)) return reused(ctx_.policies.pin_history);

  const std::string new_hash = ctx_.hasher.hash(next);
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto credential = repos.credentials().find_by_citizen(holder->citizen.id);
    if (!credential || credential->pin_hash != holder->credential.pin_hash)
      return Error{ErrorKind::conflict, "pin-changed-meanwhile", "The PIN changed meanwhile; log in again.", {}, {}};
    if (auto moved = credential->set_personal_pin(new_hash, now, ctx_.policies.credential); !moved) return moved;
    repos.credentials().update(*credential);
    repos.credentials().add_pin_history(credential->id, new_hash, now);
    // The session that changed the PIN lives on, now free of its required action; the others end.
    repos.sessions().end_all_for(SubjectKind::citizen, holder->citizen.id, "pin-changed", now, session.id);
    repos.sessions().set_required_action(session.id, RequiredAction::none);
    repos.audit().append(holder->subject(), "pin.changed", holder->subject(), "", now);
    return Ok{};
  });
}

}  // namespace sportello
