#pragma once
// A message that a flow must deliver (SPEC §8), written to the outbox in the same transaction as the state
// change that causes it. (event_key, channel, recipient) is unique, so a retried flow never queues twice.
// A PIN half travels sealed (SecretBox) in `secret_sealed` until the courier has delivered it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/clock.h"

namespace sportello {

enum class Channel { email, pec, sms, letter };
const char* to_string(Channel channel);
std::optional<Channel> parse_channel(std::string_view text);

// pending: waiting for its time; sending: claimed by a courier whose lease runs until lease_until (a
// sending row whose lease ran out is in doubt and is sent again with the same message_id); sent: handed
// to the next hop (letters: written into a print batch); failed: gave up after the configured attempts.
enum class MessageStatus { pending, sending, sent, failed };
const char* to_string(MessageStatus status);
std::optional<MessageStatus> parse_message_status(std::string_view text);

struct OutboxMessage {
  std::int64_t id = 0;
  std::string event_key;                       // e.g. "credential:7:gen:1:first-half"
  Channel channel = Channel::email;
  std::string recipient;                       // address, phone number, or postal address lines
  std::string template_name;                   // e.g. "pin_first_half"
  std::map<std::string, std::string> params;   // template parameters (no secrets)
  std::string secret_sealed;                   // sealed PIN half, code or link; empty when none
  MessageStatus status = MessageStatus::pending;
  int attempts = 0;
  Instant created_at{};
  Instant next_attempt_at{};
  std::optional<Instant> sent_at;
  std::string last_error;
  std::string lease_owner;                     // the courier holding the lease while `sending`
  Instant lease_until{};
  std::string message_id;                      // stable Message-ID / idempotency key, set when first claimed
  std::string batch;                           // letters: the print batch it went into
};

// The stable identity of a message for the receiving side: "<outbox.ID.HASH@DOMAIN>", where HASH is
// taken from (event_key, channel, recipient), so the same row always carries the same Message-ID.
std::string message_id_for(const OutboxMessage& message, const std::string& domain);

}  // namespace sportello
