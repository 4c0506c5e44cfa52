#include "flows/review_request.h"

#include <algorithm>
#include <cctype>

#include "core/civil_time.h"
#include "core/codice_fiscale.h"
#include "core/typed_code.h"
#include "flows/allowances.h"
#include "flows/citizen_lookup.h"
#include "flows/delivery.h"

namespace sportello {
namespace {

// "ROMA (RM)" for a comune, "Francia" for a foreign state, as the registry names them on the birth date; the
// code itself only when the registry does not know it (then the operator still has something to read out).
std::string place_name(const BelfioreRegistry& places, const std::string& code, Date born) {
  const auto place = places.find(code, born);
  if (!place) return code;
  return place->foreign ? place->name : place->name + " (" + place->province + ")";
}

// A request number as issued ("RP-7KQ4-M2XW") from what was typed ("rp 7kq4 m2xw", "7KQ4M2XW"), or nullopt
// when it cannot be one (a number has eight characters after the "RP").
std::optional<std::string> request_reference(const std::string& typed) {
  std::string code = normalise_typed_code(typed);
  if (code.size() == 10 && code.starts_with("RP")) code = code.substr(2);
  if (code.size() != 8) return std::nullopt;
  return "RP-" + code.substr(0, 4) + "-" + code.substr(4);
}

}  // namespace

Status ReviewRequest::confirm(const Actor& actor, const std::string& typed_code) {
  if (auto allowed = actor.require({Role::contact_center, Role::office}); !allowed) return allowed;
  const Instant now = ctx_.clock.now();
  return change_holder(ctx_, typed_code, now, [&](Repositories& repos, Holder& holder) -> Status {
    Credential& credential = holder.credential;
    const std::string address = postal_address(holder.citizen);
    if (auto room = letter_allowed(repos, address, ctx_.policies.letters_per_holder, now); !room) return room;
    const std::string sealed_half = credential.pending_half_sealed;
    if (auto moved = credential.confirm_data(now, ctx_.policies.credential); !moved) return moved;
    auto half = ctx_.box.open(sealed_half);
    if (!half) return Error::unavailable("The stored second half cannot be read: " + half.error().message);
    credential.pending_half_sealed.clear();
    repos.credentials().update(credential);
    queue_message(repos, ctx_.box,
                  {credential_event(credential, "second-half"), Route{Channel::letter, address},
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
      if (citizen) pending.push_back(pending_request(*citizen, c, now));
    }
    return Ok{};
  });
  if (!status) return status.error();
  return pending;
}

Result<PendingRequest> ReviewRequest::find(const Actor& actor, const std::string& typed) {
  if (auto allowed = actor.require({Role::contact_center, Role::office}); !allowed) return allowed.error();
  const Instant now = ctx_.clock.now();
  const std::optional<std::string> reference = request_reference(typed);
  auto cf = CodiceFiscale::parse(typed, ctx_.places, rome_date(now));
  if (!cf && !reference) return cf.error();
  std::optional<PendingRequest> found;
  auto status = ctx_.store.read([&](Repositories& repos) -> Status {
    std::optional<Holder> holder = cf ? find_holder(repos, cf->code()) : std::nullopt;
    if (!holder && reference)
      if (auto credential = repos.credentials().find_by_request_reference(*reference))
        holder = find_holder(repos, credential->citizen_id);
    if (holder && holder->credential.state == CredentialState::awaiting_confirmation)
      found = pending_request(holder->citizen, holder->credential, now);
    return Ok{};
  });
  if (!status) return status.error();
  if (!found) return no_such_holder();
  return *found;
}

PendingRequest ReviewRequest::pending_request(const Citizen& citizen, const Credential& credential, Instant now) const {
  const PersonalData& d = citizen.data;
  PendingRequest p;
  p.citizen_id = citizen.id;
  p.codice_fiscale = citizen.codice_fiscale;
  p.surname = d.surname;
  p.name = d.name;
  p.request_reference = credential.request_reference.value_or("");
  p.sex = d.sex;
  p.birth_date = d.birth_date;
  p.birth_place = place_name(ctx_.places, d.birth_place_code, d.birth_date);
  p.residence = d.residence;
  p.contacts = citizen.contacts;
  p.requested_at = credential.issued_at;
  p.age = now - credential.issued_at;
  p.overdue = p.age > ctx_.policies.confirmation_window;
  return p;
}

}  // namespace sportello
