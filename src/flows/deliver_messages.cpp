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

std::map<std::string, std::string> template_values(const OutboxMessage& message, const std::string& secret,
                                                   const CourierPolicy& policy, bool in_letter) {
  std::map<std::string, std::string> values = message.params;
  values["site"] = policy.site;
  values["secret"] = secret;
  values["in_letter"] = in_letter ? "1" : "0";
  return values;
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
  std::string secret;
  if (!message.secret_sealed.empty()) {
    auto opened = ctx_.box.open(message.secret_sealed);
    if (!opened) return opened.error();
    secret = std::move(*opened);
  }
  const auto language = message.params.contains("lang") ? message.params.at("lang") : policy_.language;
  auto rendered = catalog_.render(message.template_name, language, template_values(message, secret, policy_, false));
  if (!rendered) return Error::invalid(rendered.error().code, rendered.error().message);
  Envelope envelope{message.message_id, message.recipient, rendered->subject, rendered->text, rendered->html};
  if (message.channel == Channel::sms) envelope = Envelope{message.message_id, message.recipient, "", rendered->sms, ""};
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
