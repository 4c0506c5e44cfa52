#include "flows/allowances.h"

namespace sportello {
namespace {

Seconds wait_until(Instant then, Instant now) { return std::max(Seconds{1}, std::chrono::duration_cast<Seconds>(then - now)); }

// "too-many-requests", "too-many-recoveries", "too-many-renewals".
std::string refusal_code(std::string_view action) {
  const std::string a(action);
  return "too-many-" + (a.ends_with('y') ? a.substr(0, a.size() - 1) + "ies" : a + "s");
}

}  // namespace

Status spend_allowance(Repositories& repos, std::string_view action, const std::string& key,
                       const Allowance& allowance, Instant now) {
  const AllowanceUse use = repos.allowances().take(std::string(action), key, allowance, now);
  if (use.granted) return Ok{};
  Error e{ErrorKind::limited, refusal_code(action),
          "This codice fiscale has already started this " + std::to_string(allowance.limit) +
              " times recently; it may again later.",
          "codice_fiscale", wait_until(use.next_free, now)};
  return e;
}

Status letter_allowed(Repositories& repos, const std::string& recipient, const Allowance& allowance, Instant now,
                      int letters) {
  if (repos.outbox().count_letters_to(recipient, now - allowance.window) + letters <= allowance.limit) return Ok{};
  return Error{ErrorKind::limited, "too-many-letters",
               std::to_string(allowance.limit) + " letters have already gone to this holder's address in the last " +
                   std::to_string(std::chrono::duration_cast<std::chrono::days>(allowance.window).count()) +
                   " days; the PIN can be handed over at an office instead.",
               "", allowance.window};
}

}  // namespace sportello
