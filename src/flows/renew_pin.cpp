#include "flows/renew_pin.h"

#include "core/codice_fiscale.h"
#include "credential/pin_generator.h"
#include "flows/allowances.h"
#include "flows/delivery.h"
#include "flows/login.h"
#include "flows/pin_retirement.h"

namespace sportello {

Status RenewPin::run(const RenewalInput& input) {
  if (Status in_use = citizen_pin_in_use(ctx_.policies); !in_use) return in_use;
  const Instant now = ctx_.clock.now();
  auto cf = CodiceFiscale::parse(input.codice_fiscale, ctx_.places, rome_date(now));
  if (!cf) return cf.error();
  auto holder = check_pin_with_lockout(ctx_, cf->code(), input.expired_pin, now);
  if (!holder) return holder.error();
  if (holder->credential.state != CredentialState::issued || !holder->credential.expired(now, ctx_.policies.credential))
    return Error::illegal("pin-not-expired", "This PIN has not expired: log in with it instead.");

  const IssuedPin pin = generate_issued_pin();
  const std::string hash = ctx_.hasher.hash(pin.full());
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto credential = repos.credentials().find_by_citizen(holder->citizen.id);
    if (!credential) return no_such_holder();
    if (auto spent = spend_allowance(repos, "renewal", cf->code(), ctx_.policies.renewals_per_code, now); !spent)
      return spent;
    const auto [first, second] = split_routes(holder->citizen);
    const int letters = (first.channel == Channel::letter) + (second.channel == Channel::letter);
    if (letters > 0) {
      if (auto room = letter_allowed(repos, postal_address(holder->citizen), ctx_.policies.letters_per_holder, now, letters);
          !room)
        return room;
    }
    if (auto moved = credential->renew(hash, now, ctx_.policies.credential); !moved) return moved;
    repos.credentials().update(*credential);
    const std::map<std::string, std::string> params{{"name", holder->citizen.data.name}};
    queue_message(repos, ctx_.box, {credential_event(*credential, "first-half"), first, "pin_renewed_first_half", params, pin.first_half}, now);
    queue_message(repos, ctx_.box, {credential_event(*credential, "second-half"), second, "pin_renewed_second_half", params, pin.second_half}, now);
    repos.audit().append(holder->subject(), "pin.renewed", holder->subject(), "", now);
    return Ok{};
  });
}

}  // namespace sportello
