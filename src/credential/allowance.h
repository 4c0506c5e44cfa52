#pragma once
// How often a codice fiscale may start an action that costs the institute a message, a letter or a call — a
// PIN request, a recovery, a renewal — and when it may again (issue 15). The count runs for every submitted
// code alike, whether or not it has a PIN, so a refusal tells nothing about who holds one. Windows are fixed:
// the first use opens one of `window`, and at its end the count starts afresh. Letters per holder use the
// same shape, counted from the outbox instead. Pure values; the repository is implemented in store/.
#include <string>

#include "core/clock.h"

namespace sportello {

struct Allowance {
  int limit = 3;                 // uses in one window; 0 refuses every use
  Seconds window = Hours{24};
};

struct AllowanceUse {
  bool granted = false;
  Instant next_free{};           // refused: when the window that refused ends
};

class AllowanceRepository {
 public:
  virtual ~AllowanceRepository() = default;
  // In one statement, so that concurrent requests and nodes agree: when the key's window has ended (or it has
  // none) opens one at `now` with one use; else adds a use while fewer than `limit`; else counts nothing and
  // says when the window ends.
  virtual AllowanceUse take(const std::string& action, const std::string& key, const Allowance& allowance,
                            Instant now) = 0;
  // Drops the windows that ended before `now - longest_window` (they no longer count). Returns how many.
  virtual int purge_ended(Seconds longest_window, Instant now) = 0;
};

}  // namespace sportello
