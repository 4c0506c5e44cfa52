#pragma once
// The letters channel's two steps (SPEC §4, §8). close_batch() takes the letters waiting in the outbox,
// renders them with their unsealed PIN halves into a new print batch in the spool, and then, in one
// transaction, records the batch and marks each letter sent into it with its secret erased; if that
// transaction fails the batch is removed again, so a letter is never printed in two batches. One writer at a
// time holds the spool's lock throughout; what a writer killed before recording left under the new batch's name
// is removed first (its letters are still waiting), so a SIGKILL never stops the batches. A letter that
// cannot be printed (say, an address of too many lines) is set aside as failed and the others go on.
// hand_over() records that the print house took a batch and deletes its PDFs, keeping the manifest.
#include <optional>
#include <string>

#include "courier/channels/print_spool.h"
#include "courier/message_catalog.h"
#include "flows/actor.h"
#include "flows/deliver_messages.h"
#include "flows/flow_context.h"

namespace sportello {

// "Roma, 25 novembre 2026" (Italian) or "Rome, 25 November 2026", the date in Rome.
std::string letter_date(Instant at, const std::string& language);

class PrintLetters {
 public:
  PrintLetters(FlowContext& ctx, const MessageCatalog& catalog, PrintSpool& spool, CourierPolicy policy,
               int max_letters = 5000)
      : ctx_(ctx), catalog_(catalog), spool_(spool), policy_(std::move(policy)), max_letters_(max_letters) {}

  // The closed batch, or nullopt when no letter was waiting.
  Result<std::optional<BatchSummary>> close_batch(const Actor& actor);
  Status hand_over(const std::string& batch, const Actor& actor);

 private:
  Result<Letter> letter_for(const OutboxMessage& message, Instant now) const;
  Result<std::string> next_batch_name(Instant now);
  Status set_aside_letter(const OutboxMessage& message, const Error& why);

  FlowContext& ctx_;
  const MessageCatalog& catalog_;
  PrintSpool& spool_;
  CourierPolicy policy_;
  int max_letters_;
};

}  // namespace sportello
