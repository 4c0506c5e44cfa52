#pragma once
// Storage of outbox messages. Implemented in store/; used inside a UnitOfWork transaction.
#include <optional>
#include <vector>

#include "courier/outbox_message.h"

namespace sportello {

struct OutboxFilter {
  std::optional<MessageStatus> status;
  std::optional<std::string> recipient;
  int limit = 100;
};

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // Queues a message; a message with the same (event_key, channel, recipient) is left as it is.
  // Returns true when a new row was written.
  virtual bool enqueue(const OutboxMessage& message) = 0;
  virtual std::vector<OutboxMessage> list(const OutboxFilter& filter) = 0;
};

}  // namespace sportello
