#include "flows/change_contact.h"

#include "audit/audit_entry.h"
#include "core/digest.h"
#include "core/random.h"
#include "flows/citizen_lookup.h"
#include "flows/delivery.h"

namespace sportello {
namespace {

constexpr std::size_t kCodeDigits = 6;

bool verified_by_code(ContactKind kind) { return kind == ContactKind::mobile || kind == ContactKind::email; }

Result<ContactKind> kind_of(const std::string& text) {
  ContactKind kind = ContactKind::email;
  if (!parse_contact_kind(text, kind))
    return Error::invalid("invalid-contact-kind", "Choose which contact to change.", "kind");
  return kind;
}

Status citizens_only(const Session& session) {
  if (session.subject_kind != SubjectKind::citizen)
    return Error{ErrorKind::forbidden, "citizens-only", "Only citizens have contacts here.", {}, {}};
  return Ok{};
}

void set_contact(Contacts& contacts, ContactKind kind, const std::string& value) {
  contacts.get(kind) = value;
  if (kind == ContactKind::mobile) contacts.mobile_verified = true;
  if (kind == ContactKind::email) contacts.email_verified = true;
}

}  // namespace

Result<ContactChangeOutcome> ChangeContact::start(const Session& session, const ContactChange& change) {
  if (auto allowed = citizens_only(session); !allowed) return allowed.error();
  auto kind = kind_of(change.kind);
  if (!kind) return kind.error();
  std::string value;
  if (!change.value.empty()) {
    auto normalised = normalise_contact(*kind, change.value);
    if (!normalised) return Error::invalid(normalised.error().code, normalised.error().message, "value");
    value = *normalised;
  } else if (verified_by_code(*kind)) {
    return Error::invalid("contact-required", "The mobile and the e-mail can be changed, not removed.", "value");
  }
  const Instant now = ctx_.clock.now();
  const std::string code = random_digits(kCodeDigits);
  ContactChangeOutcome outcome = ContactChangeOutcome::changed;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    // The citizen's contacts, PIN or not (SPID, CIE and CNS enrol people without one).
    auto found = repos.citizens().find(session.subject_id);
    if (!found) return no_such_holder();
    Citizen& citizen = *found;
    const std::string subject = citizen_ref(citizen.id);
    if (citizen.contacts.get(*kind) == value)
      return Error::invalid("contact-unchanged", "This is already your contact.", "value");
    if (verified_by_code(*kind)) {
      ContactVerification pending{0, citizen.id, *kind, value, sha256_hex(code), now, now + ctx_.policies.contact_code_lifetime,
                                  std::nullopt, 0};
      pending.id = repos.contact_verifications().insert(pending);
      const Route route = *kind == ContactKind::mobile ? Route{Channel::sms, value} : Route{Channel::email, value};
      queue_message(repos, ctx_.box,
                    {"contact:" + std::to_string(pending.id) + ":code", route, "contact_code", {{"name", citizen.data.name}}, code},
                    now);
      repos.audit().append(subject, "contact.code-sent", subject, to_string(*kind), now);
      outcome = ContactChangeOutcome::code_sent;
      return Ok{};
    }
    set_contact(citizen.contacts, *kind, value);
    repos.citizens().update(citizen);
    repos.audit().append(subject, "contact.changed", subject, to_string(*kind), now);
    return Ok{};
  });
  if (!status) return status.error();
  return outcome;
}

Status ChangeContact::confirm(const Session& session, const std::string& kind_text, const std::string& code) {
  if (auto allowed = citizens_only(session); !allowed) return allowed;
  auto kind = kind_of(kind_text);
  if (!kind) return kind.error();
  const Instant now = ctx_.clock.now();
  std::optional<Error> refused;
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    auto citizen = repos.citizens().find(session.subject_id);
    if (!citizen) return no_such_holder();
    const std::string subject = citizen_ref(citizen->id);
    auto pending = repos.contact_verifications().latest(citizen->id, *kind);
    if (!pending)
      return Error::invalid("contact-code-unknown", "No change of this contact is waiting for a code.", "code");
    // A wrong code must still be counted: the attempt is written and the error returned after the commit.
    if (auto redeemed = pending->redeem(code, now); !redeemed) {
      refused = redeemed.error();
      repos.contact_verifications().update(*pending);
      return Ok{};
    }
    repos.contact_verifications().update(*pending);
    set_contact(citizen->contacts, *kind, pending->value);
    repos.citizens().update(*citizen);
    repos.audit().append(subject, "contact.changed", subject, to_string(*kind), now);
    return Ok{};
  });
  if (!status) return status;
  if (refused) return *refused;
  return Ok{};
}

}  // namespace sportello
