#pragma once
// Storage of outbox messages and print batches. Implemented in store/; used inside a UnitOfWork
// transaction. The outcome methods act only while `owner` still holds the message's lease, so a courier
// whose lease ran out cannot overwrite what another one did.
#include <optional>
#include <string>
#include <vector>

#include "courier/outbox_message.h"

namespace sportello {

struct OutboxFilter {
  std::optional<MessageStatus> status;
  std::optional<std::string> recipient;
  int limit = 100;
};

struct LetterBatch {
  std::string name;
  int letters = 0;
  Instant closed_at{};
  std::optional<Instant> handed_over_at;
};

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // Queues a message; a message with the same (event_key, channel, recipient) is left as it is.
  // Returns true when a new row was written.
  virtual bool enqueue(const OutboxMessage& message) = 0;
  virtual std::vector<OutboxMessage> list(const OutboxFilter& filter) = 0;
  virtual std::optional<OutboxMessage> find(std::int64_t id) = 0;
  virtual int count(MessageStatus status) = 0;

  // Leases up to `limit` due e-mail, PEC and SMS messages (pending and due, or sending with a lease that
  // ran out) to `owner` until `lease_until`, counting one attempt for each, and returns them.
  virtual std::vector<OutboxMessage> claim_due(const std::string& owner, Instant now, Instant lease_until,
                                               int limit) = 0;
  virtual void set_message_id(std::int64_t id, const std::string& message_id) = 0;
  // Sent: the sealed secret is erased and the lease released.
  virtual bool mark_sent(std::int64_t id, const std::string& owner, Instant now) = 0;
  virtual bool mark_retry(std::int64_t id, const std::string& owner, const std::string& error, Instant next_attempt) = 0;
  virtual bool mark_failed(std::int64_t id, const std::string& owner, const std::string& error) = 0;
  // A failed message becomes pending again, due now, with its attempts counted from zero.
  virtual bool retry_failed(std::int64_t id, Instant now) = 0;

  // Letters wait as pending rows until a print batch takes them (oldest first).
  virtual std::vector<OutboxMessage> pending_letters(int limit) = 0;
  // Letters of any state queued for `recipient` (an address block) at or after `since`.
  virtual int count_letters_to(const std::string& recipient, Instant since) = 0;
  // The letter went into `batch`: sent, secret erased.
  virtual void mark_printed(std::int64_t id, const std::string& batch, Instant now) = 0;
  // A pending letter that cannot be printed becomes failed with the reason.
  virtual void mark_unprintable(std::int64_t id, const std::string& error) = 0;
  virtual void add_batch(const LetterBatch& batch) = 0;
  virtual std::optional<LetterBatch> find_batch(const std::string& name) = 0;
  virtual std::vector<LetterBatch> batches(int limit) = 0;
  virtual void mark_handed_over(const std::string& name, Instant at) = 0;
};

}  // namespace sportello
