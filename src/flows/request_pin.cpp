#include "flows/request_pin.h"

#include "credential/pin_generator.h"
#include "flows/citizen_upsert.h"
#include "flows/delivery.h"

namespace sportello {
namespace {

bool holds_live_pin(Repositories& repos, const std::string& codice_fiscale, Citizen* found) {
  auto citizen = repos.citizens().find_by_codice_fiscale(codice_fiscale);
  if (!citizen) return false;
  *found = *citizen;
  auto credential = repos.credentials().find_by_citizen(citizen->id);
  return credential && credential->live();
}

// Someone asked for a PIN for a person who already has one: tell the holder, change nothing else.
void warn_holder(Repositories& repos, const SecretBox& box, const Citizen& holder, Instant now) {
  queue_message(repos, box,
                {"citizen:" + std::to_string(holder.id) + ":duplicate-request:" + std::to_string(to_unix(now)),
                 notice_route(holder), "pin_request_duplicate", {{"name", holder.data.name}}, ""},
                now);
  repos.audit().append("anonymous", "pin.request-duplicate", "citizen:" + std::to_string(holder.id), "online", now);
}

}  // namespace

Result<RequestTaken> RequestPinOnline::run(const ApplicantInput& input) {
  const Instant now = ctx_.clock.now();
  auto applicant = validate_applicant(input, ctx_.places, rome_date(now));
  if (!applicant) return applicant.error();
  const auto first_route = first_half_route(applicant->contacts);
  if (!first_route)
    return Error::invalid("missing-contact", "Give at least a mobile number or an e-mail address.", "mobile");

  const IssuedPin pin = generate_issued_pin();
  const std::string hash = ctx_.hasher.hash(pin.full());
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    Citizen holder;
    if (holds_live_pin(repos, applicant->codice_fiscale, &holder)) {
      warn_holder(repos, ctx_.box, holder, now);
      return Ok{};
    }
    const Citizen citizen = upsert_citizen(repos, *applicant, now);
    Credential credential = place_new_credential(repos, citizen.id, IssueChannel::online, Level::ordinario, hash, now);
    credential.pending_half_sealed = ctx_.box.seal(pin.second_half);
    repos.credentials().update(credential);
    queue_message(repos, ctx_.box,
                  {credential_event(credential, "first-half"), *first_route, "pin_first_half",
                   {{"name", citizen.data.name}}, pin.first_half},
                  now);
    repos.audit().append("citizen:" + std::to_string(citizen.id), "pin.requested",
                         "citizen:" + std::to_string(citizen.id), "online", now);
    return Ok{};
  });
  if (!status) return status.error();
  return RequestTaken{};
}

Result<PhoneRequestRegistered> RegisterPhoneRequest::run(const Actor& actor, const PhoneRequestInput& input) {
  if (auto allowed = actor.require({Role::contact_center, Role::office}); !allowed) return allowed.error();
  const Instant now = ctx_.clock.now();
  auto applicant = validate_applicant(input.applicant, ctx_.places, rome_date(now));
  if (!applicant) return applicant.error();
  auto tessera = TesseraSanitaria::parse(input.tessera_number, input.tessera_expiry);
  if (!tessera) return tessera.error();
  if (auto valid = tessera->check_valid_on(rome_date(now)); !valid) return valid.error();

  const IssuedPin pin = generate_issued_pin();
  const std::string hash = ctx_.hasher.hash(pin.full());
  PhoneRequestRegistered registered;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    Citizen ignored;
    if (holds_live_pin(repos, applicant->codice_fiscale, &ignored))
      return Error{ErrorKind::conflict, "pin-already-exists", "This person already holds a PIN; revoke it first.", {}, {}};
    Citizen citizen = upsert_citizen(repos, *applicant, now);
    citizen.tessera = *tessera;
    repos.citizens().update(citizen);
    Credential credential = place_new_credential(repos, citizen.id, IssueChannel::phone, Level::ordinario, hash, now);
    credential.pending_half_sealed = ctx_.box.seal(pin.second_half);
    repos.credentials().update(credential);
    queue_message(repos, ctx_.box,
                  {credential_event(credential, "first-half"), Route{Channel::letter, postal_address(citizen)},
                   "pin_first_half_letter", {{"name", citizen.data.name}}, pin.first_half},
                  now);
    repos.audit().append(actor.id, "pin.requested", "citizen:" + std::to_string(citizen.id), "phone", now);
    registered = {citizen.id, credential.id};
    return Ok{};
  });
  if (!status) return status.error();
  return registered;
}

}  // namespace sportello
