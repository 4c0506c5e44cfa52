#pragma once
// How flows put messages in the outbox (SPEC §4, §8): which channel carries which PIN half, how a
// postal address is written, and the event keys that make every message unique. Secrets (PIN halves,
// recovery codes) are sealed with the SecretBox before they are stored.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/secret_box.h"
#include "courier/outbox_message.h"
#include "credential/credential.h"
#include "flows/unit_of_work.h"
#include "identity/citizen.h"

namespace sportello {

struct Route {
  Channel channel;
  std::string recipient;
};

// "credential:<id>:gen:<generation>:<what>" — one event per PIN generation and purpose.
std::string credential_event(const Credential& credential, std::string_view what);

// The postal address block of a citizen: name, street and number, CAP comune (province).
std::string postal_address(const Citizen& citizen);

// Where a short notice goes: e-mail when known, else PEC, else SMS, else a letter.
Route notice_route(const Citizen& citizen);

// The first half of an online request: SMS when a mobile is known, else e-mail (SPEC §4.1).
std::optional<Route> first_half_route(const Contacts& contacts);

// Two different channels for the two halves of a new PIN (recovery: SMS then e-mail, both e-mail when no
// mobile is known, SPEC §4.5; renewal likewise, with a letter for a missing e-mail).
std::pair<Route, Route> split_routes(const Citizen& citizen);

struct MessageDraft {
  std::string event_key;
  Route route;
  std::string template_name;
  std::map<std::string, std::string> params;
  std::string secret;  // sealed before storage; empty for none
};

// Queues the message in the caller's transaction (idempotent on event, channel and recipient).
void queue_message(Repositories& repos, const SecretBox& box, MessageDraft draft, Instant now);

}  // namespace sportello
