#include "flows/request_pin.h"

#include "audit/audit_entry.h"
#include "core/random.h"
#include "core/typed_date.h"
#include "credential/pin_generator.h"
#include "flows/allowances.h"
#include "flows/citizen_upsert.h"
#include "flows/delivery.h"
#include "flows/pin_retirement.h"

namespace sportello {
namespace {

bool holds_live_pin(Repositories& repos, const std::string& codice_fiscale, Citizen* found) {
  auto citizen = repos.citizens().find_by_codice_fiscale(codice_fiscale);
  if (!citizen) return false;
  *found = *citizen;
  auto credential = repos.credentials().find_by_citizen(citizen->id);
  return credential && credential->live();
}

// Someone asked for a PIN for a person who already has one: tell the holder, change nothing else. A holder
// reached only by post is not sent more letters than the allowance: a stranger cannot refuse to be told,
// so the notice is then left out (the audit row stays), and the answer is the same.
void warn_holder(Repositories& repos, const SecretBox& box, const FlowPolicies& policies, const Citizen& holder,
                 const std::string& reference, Instant now) {
  const Route route = notice_route(holder);
  if (route.channel != Channel::letter || letter_allowed(repos, route.recipient, policies.letters_per_holder, now))
    queue_message(repos, box,
                  {citizen_ref(holder.id) + ":duplicate-request:" + std::to_string(to_unix(now)), route,
                   "pin_request_duplicate", {{"name", holder.data.name}}, ""},
                  now);
  repos.audit().append("anonymous", "pin.request-duplicate", citizen_ref(holder.id),
                       "online; request " + reference, now);
}

// The contacts an online request must carry (issue 14): a number the contact centre can call within 48 hours
// (mobile or landline), and somewhere the first half can go at once (a mobile by SMS, else an e-mail).
// A contact typed but malformed has its own problem already, so it counts as given here.
std::vector<Error> contact_problems(const ApplicantInput& in) {
  const auto blank = [](const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; };
  if (blank(in.mobile) && blank(in.home_phone))
    return {Error::invalid("missing-phone", "Give a telephone number the contact centre can call: a mobile or a landline.",
                           "mobile")};
  if (blank(in.mobile) && blank(in.email))
    return {Error::invalid("missing-contact", "Without a mobile, give an e-mail address: the first half of the PIN goes there.",
                           "email")};
  return {};
}

// "RP-" and two groups of four characters from an alphabet without 0/O, 1/I/L, 5/S or 8/B look-alikes: 27^8,
// about 2^38 numbers, drawn from the CSPRNG, so a number says nothing about others and cannot be guessed.
std::string new_request_reference() {
  constexpr std::string_view kAlphabet = "234679ACDEFGHJKMNPQRTUVWXYZ";
  const std::string drawn = random_string(kAlphabet, 8);
  return "RP-" + drawn.substr(0, 4) + "-" + drawn.substr(4);
}

// What the confirmation page may show of where the first half went: the last four digits of a number, the
// first letter and the domain of an address.
std::string masked_contact(const Route& route) {
  const std::string& to = route.recipient;
  if (route.channel == Channel::sms) return "+39 *** *** " + (to.size() >= 4 ? to.substr(to.size() - 4) : to);
  const std::size_t at = to.find('@');
  if (at == std::string::npos || at == 0) return "***";
  return to.substr(0, 1) + "***" + to.substr(at);
}

// The health card read out on the phone: its expiry may be typed gg/mm/aaaa as well as ISO.
Result<TesseraSanitaria> parse_tessera(const std::string& number, const std::string& expiry) {
  const auto typed = parse_typed_date(expiry);
  auto card = TesseraSanitaria::parse(number, typed ? format_date(*typed) : expiry);
  if (!card && card.error().field == "tessera_expiry")
    return Error::invalid(card.error().code, "The health card expiry is a date written gg/mm/aaaa.", "tessera_expiry");
  return card;
}

}  // namespace

Result<RequestTaken> RequestPinOnline::run(const ApplicantInput& input, std::vector<Error>& problems) {
  if (Status in_use = citizen_pin_in_use(ctx_.policies); !in_use) return in_use.error();
  const Instant now = ctx_.clock.now();
  auto applicant = validate_applicant(input, ctx_.places, rome_date(now), problems);
  for (Error& e : contact_problems(input)) problems.push_back(std::move(e));
  sort_in_form_order(problems);
  if (!problems.empty()) return problems.front();
  const Route first_route = *first_half_route(applicant->contacts);  // a mobile or an e-mail, checked above

  const IssuedPin pin = generate_issued_pin();
  const std::string hash = ctx_.hasher.hash(pin.full());
  const std::string reference = new_request_reference();
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    // Counted before anything is looked up, for every code alike: the refusal says nothing about a holder.
    if (auto spent = spend_allowance(repos, "request", applicant->codice_fiscale, ctx_.policies.requests_per_code, now);
        !spent)
      return spent;
    Citizen holder;
    if (holds_live_pin(repos, applicant->codice_fiscale, &holder)) {
      warn_holder(repos, ctx_.box, ctx_.policies, holder, reference, now);
      return Ok{};
    }
    const Citizen citizen = upsert_citizen(repos, *applicant, now);
    Credential credential = place_new_credential(repos, citizen.id, IssueChannel::online, Level::ordinario, hash, now);
    credential.pending_half_sealed = ctx_.box.seal(pin.second_half);
    credential.request_reference = reference;
    repos.credentials().update(credential);
    queue_message(repos, ctx_.box,
                  {credential_event(credential, "first-half"), first_route, "pin_first_half",
                   {{"name", citizen.data.name}}, pin.first_half},
                  now);
    repos.audit().append(citizen_ref(citizen.id), "pin.requested",
                         citizen_ref(citizen.id), "online; request " + reference, now);
    return Ok{};
  });
  if (!status) return status.error();
  RequestTaken taken;
  taken.reference = reference;
  taken.first_half_channel = first_route.channel == Channel::sms ? "sms" : "email";
  taken.first_half_to = masked_contact(first_route);
  return taken;
}

Result<RequestTaken> RequestPinOnline::run(const ApplicantInput& input) {
  std::vector<Error> problems;
  return run(input, problems);
}

Result<PhoneRequestRegistered> RegisterPhoneRequest::run(const Actor& actor, const PhoneRequestInput& input,
                                                         std::vector<Error>& problems) {
  problems.clear();
  if (auto allowed = actor.require({Role::contact_center, Role::office}); !allowed) return allowed.error();
  if (Status in_use = citizen_pin_in_use(ctx_.policies); !in_use) return in_use.error();
  const Instant now = ctx_.clock.now();
  auto applicant = validate_applicant(input.applicant, ctx_.places, rome_date(now), problems);
  auto tessera = parse_tessera(input.tessera_number, input.tessera_expiry);
  if (tessera) {
    if (auto valid = tessera->check_valid_on(rome_date(now)); !valid) problems.push_back(valid.error());
  } else {
    problems.push_back(tessera.error());
  }
  if (!problems.empty()) return problems.front();  // the form's own fields first, then the health card's

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
    if (auto room = letter_allowed(repos, postal_address(citizen), ctx_.policies.letters_per_holder, now); !room)
      return room;
    Credential credential = place_new_credential(repos, citizen.id, IssueChannel::phone, Level::ordinario, hash, now);
    credential.pending_half_sealed = ctx_.box.seal(pin.second_half);
    repos.credentials().update(credential);
    queue_message(repos, ctx_.box,
                  {credential_event(credential, "first-half"), Route{Channel::letter, postal_address(citizen)},
                   "pin_first_half_letter", {{"name", citizen.data.name}}, pin.first_half},
                  now);
    repos.audit().append(actor.id, "pin.requested", citizen_ref(citizen.id), "phone", now);
    registered = {citizen.id, credential.id};
    return Ok{};
  });
  if (!status) return status.error();
  return registered;
}

Result<PhoneRequestRegistered> RegisterPhoneRequest::run(const Actor& actor, const PhoneRequestInput& input) {
  std::vector<Error> problems;
  return run(actor, input, problems);
}

}  // namespace sportello
