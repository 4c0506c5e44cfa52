#pragma once
// The costs a stranger could push onto the institute, bounded inside the flows' transactions (issue 15):
// how many PIN requests, recoveries and renewals one codice fiscale may start in a window, and how many
// letters one holder may be sent. A refusal is ErrorKind::limited with the time to wait, and comes before
// anything is written, so nothing is half-done.
#include <string>
#include <string_view>

#include "credential/allowance.h"
#include "flows/unit_of_work.h"

namespace sportello {

// Spends one use of `action` ("request", "recovery", "renewal") for `key`; errors: too-many-<action>s
// (field codice_fiscale, retry_after until the window ends).
Status spend_allowance(Repositories& repos, std::string_view action, const std::string& key,
                       const Allowance& allowance, Instant now);

// Whether `letters` more letters may go to `recipient` (a holder's address block) now; errors: too-many-letters
// (retry_after: the window's length, the longest the wait can be).
Status letter_allowed(Repositories& repos, const std::string& recipient, const Allowance& allowance, Instant now,
                      int letters = 1);

}  // namespace sportello
