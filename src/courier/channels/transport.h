#pragma once
// One way out for a rendered message (e-mail, PEC, SMS). send() either hands the message to the next hop
// or says why not; it never throws. A failure of kind `invalid_input` is permanent (the next hop refused this
// message for good: no retry helps); any other failure is worth retrying later.
#include <string>

#include "core/result.h"

namespace sportello {

struct Envelope {
  std::string message_id;  // stable across retries, e.g. "<outbox.42.9f3a1c@sportello.invalid>"; the
                           // receiving side deduplicates on it (Message-ID header, Idempotency-Key)
  std::string to;          // e-mail address, or phone number in E.164 form (+39...)
  std::string subject;     // e-mail only
  std::string text;        // plain text (UTF-8); for SMS the whole message
  std::string html;        // e-mail only; empty for a text-only message
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual Status send(const Envelope& envelope) = 0;
};

}  // namespace sportello
