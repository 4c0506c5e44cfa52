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

enum class MessageStatus { pending, sent, failed };
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
};

}  // namespace sportello
