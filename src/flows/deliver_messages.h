#pragma once
// The courier's delivery step (SPEC §8). Claims due e-mail, PEC and SMS messages under a lease (so two
// processes on one database never send the same message), renders each with its unsealed secret, hands it
// to its channel's transport and records the outcome: sent (the sealed secret erased), retry later with
// exponential back-off and jitter, or failed after `max_attempts` (visible, retried by an operator).
// The Message-ID is stable per message and recorded before the send; a message whose courier died in the
// middle of a send is claimed again after its lease and sent with the same Message-ID, which the next hop
// uses to drop the duplicate. Letters are not sent here: CloseLetterBatch prints them.
#include <string>

#include "core/clock.h"
#include "courier/channels/transport.h"
#include "courier/message_catalog.h"
#include "flows/flow_context.h"

namespace sportello {

struct CourierPolicy {
  int batch_size = 20;                  // messages claimed at a time
  Seconds lease{300};                   // how long a claim lasts; longer than the slowest send
  int max_attempts = 8;
  Seconds backoff_base{30};             // wait after the first failure, doubled after each next one
  Seconds backoff_max{3600};
  std::string message_id_domain = "sportello.invalid";
  std::string site = "http://127.0.0.1:8080";  // the portal's public address, for links in messages
  std::string language = "it";          // used unless a message names its own
  int activation_days = 90;             // SPEC §3's window for the first access, as messages and letters state it
};

struct ChannelTransports {
  Transport* email = nullptr;
  Transport* pec = nullptr;
  Transport* sms = nullptr;
};

struct DeliveryReport {
  int claimed = 0;
  int sent = 0;
  int retrying = 0;
  int failed = 0;
};

// Wait before the next attempt after `attempts` failed ones (1-based): base * 2^(attempts-1), capped at
// the maximum, times `jitter` in [0.5, 1] so that many failures do not all come back together.
Seconds backoff_delay(const CourierPolicy& policy, int attempts, double jitter);

// What a message says once its secret is unsealed and its template filled (in its own "lang", else the
// policy's language); `in_letter` leaves the secret to the letter's box.
struct MessageContent {
  RenderedMessage rendered;
  std::string secret;    // the unsealed half or code; empty when none
  std::string language;
};
Result<MessageContent> message_content(const OutboxMessage& message, const SecretBox& box,
                                       const MessageCatalog& catalog, const CourierPolicy& policy, bool in_letter);

class DeliverMessages {
 public:
  DeliverMessages(FlowContext& ctx, const MessageCatalog& catalog, ChannelTransports transports, CourierPolicy policy,
                  std::string owner)
      : ctx_(ctx), catalog_(catalog), transports_(transports), policy_(std::move(policy)), owner_(std::move(owner)) {}

  // One round: claim what is due, send it, record each outcome. An error only when the store fails.
  Result<DeliveryReport> run_once();

 private:
  Status deliver(const OutboxMessage& message);
  Transport* transport_for(Channel channel) const;
  void record(const OutboxMessage& message, const Status& sent, DeliveryReport& report);

  FlowContext& ctx_;
  const MessageCatalog& catalog_;
  ChannelTransports transports_;
  CourierPolicy policy_;
  std::string owner_;
};

}  // namespace sportello
