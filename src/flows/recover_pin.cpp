#include "flows/recover_pin.h"

#include "core/codice_fiscale.h"
#include "core/digest.h"
#include "core/random.h"
#include "core/typed_code.h"
#include "credential/pin_generator.h"
#include "flows/allowances.h"
#include "flows/citizen_lookup.h"
#include "flows/delivery.h"
#include "flows/pin_retirement.h"
#include "flows/sessions.h"

namespace sportello {
namespace {

constexpr std::size_t kRecoveryCodeDigits = 8;
constexpr ContactKind kQueuedKinds[] = {ContactKind::mobile, ContactKind::email, ContactKind::pec,
                                        ContactKind::pec_cittadino};

struct GivenContact {
  ContactKind kind;
  std::string value;  // normalised
};

Result<std::vector<GivenContact>> normalised_contacts(const RecoveryStart& in, int required) {
  std::vector<GivenContact> given;
  for (auto [kind, value] : {std::pair{ContactKind::mobile, &in.mobile}, std::pair{ContactKind::email, &in.email},
                             std::pair{ContactKind::pec, &in.pec}, std::pair{ContactKind::pec_cittadino, &in.pec_cittadino}}) {
    if (value->empty()) continue;
    auto normalised = normalise_contact(kind, *value);
    if (!normalised) return normalised.error();
    given.push_back({kind, *normalised});
  }
  if (static_cast<int>(given.size()) < required)
    return Error::invalid("too-few-contacts", "Give at least " + std::to_string(required) + " of your registered contacts.",
                          "contacts");
  return given;
}

// Each given contact is compared the way people write it (an e-mail address whatever its case, a number in
// any Italian writing), and every comparison is made, so the time does not say which one differed.
bool all_match(const Contacts& registered, const std::vector<GivenContact>& given) {
  bool match = true;
  for (const GivenContact& g : given)
    match &= constant_time_equal(contact_match_key(g.kind, registered.get(g.kind)), contact_match_key(g.kind, g.value));
  return match;
}

// The lifetime as the mail states it: whole minutes, rounded up.
std::string whole_minutes(Seconds lifetime) { return std::to_string((lifetime.count() + 59) / 60); }

// What start() queues, sealed: the code and the contacts, normalised, one per line (none holds a line break).
std::string queued_form(const CodiceFiscale& cf, const std::vector<GivenContact>& given) {
  std::map<ContactKind, std::string> by_kind;
  for (const GivenContact& g : given) by_kind[g.kind] = g.value;
  std::string out = cf.code();
  for (ContactKind kind : kQueuedKinds) out += "\n" + by_kind[kind];
  return out;
}

std::optional<std::pair<std::string, std::vector<GivenContact>>> read_queued_form(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  for (std::size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1)
    lines.push_back(text.substr(from, nl - from));
  lines.push_back(text.substr(from));
  if (lines.size() != 1 + std::size(kQueuedKinds)) return std::nullopt;
  std::vector<GivenContact> given;
  for (std::size_t i = 0; i < std::size(kQueuedKinds); ++i)
    if (!lines[i + 1].empty()) given.push_back({kQueuedKinds[i], lines[i + 1]});
  return std::pair{lines[0], given};
}

}  // namespace

Status RecoverPin::start(const RecoveryStart& input) {
  if (Status in_use = citizen_pin_in_use(ctx_.policies); !in_use) return in_use;
  const Instant now = ctx_.clock.now();
  auto cf = CodiceFiscale::parse(input.codice_fiscale, ctx_.places, rome_date(now));
  if (!cf) return cf.error();
  auto given = normalised_contacts(input, ctx_.policies.recovery_contacts_required);
  if (!given) return given.error();
  const std::string sealed = ctx_.box.seal(queued_form(*cf, *given));
  return ctx_.store.run([&](Repositories& repos) -> Status {
    if (auto spent = spend_allowance(repos, "recovery", cf->code(), ctx_.policies.recoveries_per_code, now); !spent)
      return spent;
    repos.recoveries().queue_request(sealed, now);
    return Ok{};
  });
}

Result<int> RecoverPin::process_queued(int limit) {
  std::vector<std::pair<std::int64_t, std::string>> queued;
  auto listed = ctx_.store.read([&](Repositories& repos) -> Status {
    queued = repos.recoveries().queued_requests(limit);
    return Ok{};
  });
  if (!listed) return listed.error();
  int taken = 0;
  for (const auto& [id, sealed] : queued) {
    const Instant now = ctx_.clock.now();
    // Token and code are drawn whether or not they will be used, so both paths do the same work.
    const std::string token = random_token();
    const std::string code = random_digits(kRecoveryCodeDigits);
    auto done = ctx_.store.run([&](Repositories& repos) -> Status {
      if (!repos.recoveries().take_request(id)) return Ok{};
      ++taken;
      auto opened = ctx_.box.open(sealed);
      auto form = opened ? read_queued_form(*opened) : std::nullopt;
      if (!form) return Ok{};  // unreadable (another key, say): dropped, as an answer was already given
      auto holder = find_holder(repos, form->first);
      const bool eligible = holder && (holder->credential.state == CredentialState::issued ||
                                       holder->credential.state == CredentialState::active);
      if (!eligible || !all_match(holder->citizen.contacts, form->second)) return Ok{};
      const Contacts& k = holder->citizen.contacts;
      const Route route = !k.email.empty() ? Route{Channel::email, k.email}
                          : !k.pec.empty() ? Route{Channel::pec, k.pec}
                                           : Route{Channel::pec, k.pec_cittadino};
      RecoveryTicket ticket{0, holder->citizen.id, sha256_hex(token), sha256_hex(code), now,
                            now + ctx_.policies.recovery_lifetime, std::nullopt, 0};
      repos.recoveries().end_unused_for(holder->citizen.id, now);  // only the newest link works
      ticket.id = repos.recoveries().insert(ticket);
      queue_message(repos, ctx_.box,
                    {"recovery:" + std::to_string(ticket.id) + ":link", route, "recovery_link",
                     {{"name", holder->citizen.data.name}, {"minutes", whole_minutes(ctx_.policies.recovery_lifetime)}},
                     token + " " + code},
                    now);
      repos.audit().append("anonymous", "pin.recovery-started", holder->subject(), "", now);
      return Ok{};
    });
    if (!done) return done.error();
  }
  return taken;
}

Status RecoverPin::confirm(const std::string& token, const std::string& code) {
  if (Status in_use = citizen_pin_in_use(ctx_.policies); !in_use) return in_use;
  const Instant now = ctx_.clock.now();
  const IssuedPin pin = generate_issued_pin();
  const std::string hash = ctx_.hasher.hash(pin.full());
  std::optional<Error> refused;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    // A link copied across a line break, or a code typed in groups, is the same link and code.
    auto ticket = repos.recoveries().find_by_token_hash(sha256_hex(without_spaces(token)));
    if (!ticket)
      return Error{ErrorKind::not_found, "recovery-link-unknown", "This recovery link is not valid.", "token", {}};
    if (auto redeemed = ticket->redeem(code, now); !redeemed) {
      repos.recoveries().update(*ticket);  // a wrong code counts even though the step fails
      refused = redeemed.error();
      return Ok{};
    }
    repos.recoveries().update(*ticket);
    repos.recoveries().end_unused_for(ticket->citizen_id, now);  // one recovery, one new PIN
    auto holder = find_holder(repos, ticket->citizen_id);
    if (!holder) return no_such_holder();
    if (auto moved = holder->credential.restore(hash, now); !moved) return moved;
    repos.credentials().update(holder->credential);
    repos.lockouts().reset(holder->citizen.codice_fiscale);  // the new PIN starts the count afresh
    repos.sessions().end_all_for(SubjectKind::citizen, holder->citizen.id, "recovered", now);
    const Contacts& k = holder->citizen.contacts;
    const Route second = !k.email.empty() ? Route{Channel::email, k.email}
                         : !k.pec.empty() ? Route{Channel::pec, k.pec}
                                          : Route{Channel::pec, k.pec_cittadino};
    const Route first = !k.mobile.empty() ? Route{Channel::sms, k.mobile} : second;
    const std::map<std::string, std::string> params{{"name", holder->citizen.data.name}};
    queue_message(repos, ctx_.box, {credential_event(holder->credential, "first-half"), first, "recovery_first_half", params, pin.first_half}, now);
    queue_message(repos, ctx_.box, {credential_event(holder->credential, "second-half"), second, "recovery_second_half", params, pin.second_half}, now);
    repos.audit().append(holder->subject(), "pin.restored", holder->subject(), to_string(holder->credential.level), now);
    return Ok{};
  });
  if (!status) return status;
  if (refused) return *refused;
  return Ok{};
}

}  // namespace sportello
