#include "flows/deliver_messages.h"

#include <algorithm>
#include <cmath>

#include "core/random.h"

namespace sportello {
namespace {

Error no_transport(Channel channel) {
  return Error{ErrorKind::invalid_input, "channel-not-configured",
               std::string("No transport is configured for channel ") + to_string(channel), {}, {}};
}

double random_jitter() { return 0.5 + 0.5 * (random_below(1'000'001) / 1'000'000.0); }

}  // namespace

Seconds backoff_delay(const CourierPolicy& policy, int attempts, double jitter) {
  const int doublings = std::clamp(attempts - 1, 0, 30);
  const double full = std::min(static_cast<double>(policy.backoff_base.count()) * std::pow(2.0, doublings),
                               static_cast<double>(policy.backoff_max.count()));
  return Seconds{std::max<long long>(1, std::llround(full * std::clamp(jitter, 0.5, 1.0)))};
}

Result<MessageContent> message_content(const OutboxMessage& message, const SecretBox& box,
                                       const MessageCatalog& catalog, const CourierPolicy& policy, bool in_letter) {
  MessageContent content;
  if (!message.secret_sealed.empty()) {
    auto opened = box.open(message.secret_sealed);
    if (!opened) return opened.error();
    content.secret = std::move(*opened);
  }
  content.language = message.params.contains("lang") ? message.params.at("lang") : policy.language;
  std::map<std::string, std::string> values = message.params;
  values["site"] = policy.site;
  values["activation_days"] = std::to_string(policy.activation_days);
  values["secret"] = content.secret;
  values["in_letter"] = std::string(in_letter ? "1" : "0");  // (a string, not a char*: GCC 12 -Wrestrict false alarm)
  auto rendered = catalog.render(message.template_name, content.language, values);
  if (!rendered) return rendered.error();
  content.rendered = std::move(*rendered);
  return content;
}

Result<DeliveryReport> DeliverMessages::run_once() {
  const Instant now = ctx_.clock.now();
  std::vector<OutboxMessage> claimed;
  Status claim = ctx_.store.run([&](Repositories& repos) -> Status {
    claimed = repos.outbox().claim_due(owner_, now, now + policy_.lease, policy_.batch_size);
    for (OutboxMessage& message : claimed) {
      if (!message.message_id.empty()) continue;
      message.message_id = message_id_for(message, policy_.message_id_domain);
      repos.outbox().set_message_id(message.id, message.message_id);  // recorded before the send
    }
    return Ok{};
  });
  if (!claim) return claim.error();
  DeliveryReport report;
  report.claimed = static_cast<int>(claimed.size());
  for (const OutboxMessage& message : claimed) {
    if (ctx_.clock.now() >= message.lease_until) break;  // the lease ran out: leave the rest to the next claim
    record(message, deliver(message), report);
  }
  return report;
}

Transport* DeliverMessages::transport_for(Channel channel) const {
  switch (channel) {
    case Channel::email: return transports_.email;
    case Channel::pec: return transports_.pec ? transports_.pec : transports_.email;
    case Channel::sms: return transports_.sms;
    case Channel::letter: return nullptr;
  }
  return nullptr;
}

Status DeliverMessages::deliver(const OutboxMessage& message) {
  Transport* transport = transport_for(message.channel);
  if (!transport) return no_transport(message.channel);
  auto content = message_content(message, ctx_.box, catalog_, policy_, false);
  if (!content) return Error::invalid(content.error().code, content.error().message);  // retrying cannot help
  const RenderedMessage& text = content->rendered;
  Envelope envelope{message.message_id, message.recipient, text.subject, text.text, text.html};
  if (message.channel == Channel::sms) envelope = Envelope{message.message_id, message.recipient, "", text.sms, ""};
  return transport->send(envelope);
}

void DeliverMessages::record(const OutboxMessage& message, const Status& sent, DeliveryReport& report) {
  const Instant now = ctx_.clock.now();
  const bool permanent = !sent && sent.error().kind == ErrorKind::invalid_input;
  const bool give_up = !sent && (permanent || message.attempts >= policy_.max_attempts);
  const std::string error = sent ? "" : sent.error().code.empty() ? sent.error().message
                                                                   : sent.error().code + ": " + sent.error().message;
  Status saved = ctx_.store.run([&](Repositories& repos) -> Status {
    if (sent) {
      repos.outbox().mark_sent(message.id, owner_, now);
    } else if (give_up) {
      repos.outbox().mark_failed(message.id, owner_, error);
    } else {
      repos.outbox().mark_retry(message.id, owner_, error,
                                now + backoff_delay(policy_, message.attempts, random_jitter()));
    }
    return Ok{};
  });
  if (!saved) return;  // the lease runs out and the message is claimed again: sent again, same Message-ID
  if (sent) ++report.sent;
  else if (give_up) ++report.failed;
  else ++report.retrying;
}

}  // namespace sportello
