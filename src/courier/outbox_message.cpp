#include "courier/outbox_message.h"

#include "core/digest.h"

namespace sportello {

const char* to_string(Channel channel) {
  switch (channel) {
    case Channel::email: return "email";
    case Channel::pec: return "pec";
    case Channel::sms: return "sms";
    case Channel::letter: return "letter";
  }
  return "unknown";
}

std::optional<Channel> parse_channel(std::string_view text) {
  for (Channel c : {Channel::email, Channel::pec, Channel::sms, Channel::letter})
    if (text == to_string(c)) return c;
  return std::nullopt;
}

const char* to_string(MessageStatus status) {
  switch (status) {
    case MessageStatus::pending: return "pending";
    case MessageStatus::sending: return "sending";
    case MessageStatus::sent: return "sent";
    case MessageStatus::failed: return "failed";
  }
  return "unknown";
}

std::optional<MessageStatus> parse_message_status(std::string_view text) {
  for (MessageStatus s : {MessageStatus::pending, MessageStatus::sending, MessageStatus::sent, MessageStatus::failed})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

std::string message_id_for(const OutboxMessage& message, const std::string& domain) {
  const std::string identity = message.event_key + "\n" + to_string(message.channel) + "\n" + message.recipient;
  return "<outbox." + std::to_string(message.id) + "." + sha256_hex(identity).substr(0, 16) + "@" + domain + ">";
}

}  // namespace sportello
