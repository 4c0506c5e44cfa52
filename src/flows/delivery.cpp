#include "flows/delivery.h"

#include "identity/postal_lines.h"

namespace sportello {

std::string credential_event(const Credential& credential, std::string_view what) {
  return "credential:" + std::to_string(credential.id) + ":gen:" + std::to_string(credential.generation) + ":" +
         std::string(what);
}

// The lines whose lengths identity/postal_lines.h checks when the address is typed.
std::string postal_address(const Citizen& c) {
  const Address& a = c.data.residence;
  return name_line(c.data.name, c.data.surname) + "\n" + street_line(a) + "\n" + place_line(a);
}

Route notice_route(const Citizen& c) {
  if (!c.contacts.email.empty()) return {Channel::email, c.contacts.email};
  if (!c.contacts.pec.empty()) return {Channel::pec, c.contacts.pec};
  if (!c.contacts.mobile.empty()) return {Channel::sms, c.contacts.mobile};
  return {Channel::letter, postal_address(c)};
}

std::optional<Route> first_half_route(const Contacts& contacts) {
  if (!contacts.mobile.empty()) return Route{Channel::sms, contacts.mobile};
  if (!contacts.email.empty()) return Route{Channel::email, contacts.email};
  return std::nullopt;
}

std::pair<Route, Route> split_routes(const Citizen& c) {
  const Contacts& k = c.contacts;
  const std::optional<Route> email = !k.email.empty()  ? std::optional<Route>(Route{Channel::email, k.email})
                                     : !k.pec.empty()  ? std::optional<Route>(Route{Channel::pec, k.pec})
                                                       : std::nullopt;
  if (!k.mobile.empty()) {
    if (email) return {Route{Channel::sms, k.mobile}, *email};
    return {Route{Channel::sms, k.mobile}, Route{Channel::letter, postal_address(c)}};
  }
  if (email) return {*email, *email};
  return {Route{Channel::letter, postal_address(c)}, Route{Channel::letter, postal_address(c)}};
}

void queue_message(Repositories& repos, const SecretBox& box, MessageDraft draft, Instant now) {
  OutboxMessage message;
  message.event_key = std::move(draft.event_key);
  message.channel = draft.route.channel;
  message.recipient = std::move(draft.route.recipient);
  message.template_name = std::move(draft.template_name);
  message.params = std::move(draft.params);
  if (!draft.secret.empty()) message.secret_sealed = box.seal(draft.secret);
  message.created_at = now;
  message.next_attempt_at = now;
  repos.outbox().enqueue(message);
}

}  // namespace sportello
