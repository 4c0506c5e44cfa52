#include "flows/activate_pin.h"

#include "core/codice_fiscale.h"
#include "flows/delivery.h"
#include "flows/pin_retirement.h"

namespace sportello {
namespace {

Error mismatch() {
  return Error{ErrorKind::wrong_secret, "activation-data-mismatch",
               "The data do not match a PIN waiting for activation. Check them, or call the contact center.", {}, {}};
}

Status check_contacts(const Contacts& c) {
  if (c.mobile.empty()) return Error::invalid("missing-mobile", "A mobile number is required.", "mobile");
  if (c.email.empty() && c.pec.empty() && c.home_phone.empty() && c.office_phone.empty() && c.fax.empty())
    return Error::invalid("missing-second-contact",
                          "Give a second contact besides the mobile: e-mail, PEC, home or office phone, or fax.", "email");
  return Ok{};
}

Result<Route> chosen_route(const Contacts& c, std::string_view choice) {
  if (choice == "mobile") return Route{Channel::sms, c.mobile};
  if (choice == "email" && !c.email.empty()) return Route{Channel::email, c.email};
  if (choice == "pec" && !c.pec.empty()) return Route{Channel::pec, c.pec};
  return Error::invalid("invalid-channel", "Choose the mobile, or an e-mail or PEC address you gave.",
                        "send_second_half_to");
}

}  // namespace

Result<Holder> ActivatePin::prove(Repositories& repos, const ActivationProof& proof, Instant now) {
  auto tessera = TesseraSanitaria::parse(proof.tessera_number, proof.tessera_expiry);
  if (!tessera) return tessera.error();
  if (auto valid = tessera->check_valid_on(rome_date(now)); !valid) return valid.error();
  auto cf = CodiceFiscale::parse(proof.codice_fiscale, ctx_.places, rome_date(now));
  if (!cf) return cf.error();
  auto holder = find_holder(repos, cf->code());
  if (!holder || holder->credential.state != CredentialState::awaiting_activation || !holder->citizen.tessera ||
      !(*holder->citizen.tessera == *tessera))
    return mismatch();
  if (holder->credential.expired(now, ctx_.policies.credential))
    return Error{ErrorKind::expired, "pin-expired", "This PIN was not activated within 90 days; request a new one.", {}, {}};
  return *holder;
}

Result<PersonalData> ActivatePin::review(const ActivationProof& proof) {
  if (Status in_use = citizen_pin_in_use(ctx_.policies); !in_use) return in_use.error();
  const Instant now = ctx_.clock.now();
  PersonalData data;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto holder = prove(repos, proof, now);
    if (!holder) return holder.error();
    data = holder->citizen.data;
    return Ok{};
  });
  if (!status) return status.error();
  return data;
}

Status ActivatePin::complete(const ActivationInput& input) {
  if (Status in_use = citizen_pin_in_use(ctx_.policies); !in_use) return in_use;
  const Instant now = ctx_.clock.now();
  auto contacts = validate_contacts(input.contacts);
  if (!contacts) return contacts.error();
  if (auto enough = check_contacts(*contacts); !enough) return enough;
  auto route = chosen_route(*contacts, input.send_second_half_to);
  if (!route) return route.error();
  return ctx_.store.run([&](Repositories& repos) -> Status {
    auto holder = prove(repos, input.proof, now);
    if (!holder) return holder.error();
    Credential& credential = holder->credential;
    auto half = ctx_.box.open(credential.pending_half_sealed);
    if (!half) return Error::unavailable("The stored second half cannot be read.");
    if (auto moved = credential.activate(now, ctx_.policies.credential); !moved) return moved;
    credential.pending_half_sealed.clear();
    repos.credentials().update(credential);
    holder->citizen.contacts = *contacts;
    repos.citizens().update(holder->citizen);
    repos.lockouts().reset(holder->citizen.codice_fiscale);  // the activated PIN starts the count afresh
    queue_message(repos, ctx_.box,
                  {credential_event(credential, "second-half"), *route, "pin_second_half_activation",
                   {{"name", holder->citizen.data.name}}, *half},
                  now);
    repos.audit().append(holder->subject(), "pin.activated", holder->subject(), "", now);
    return Ok{};
  });
}

}  // namespace sportello
