#pragma once
// A recovery in progress (SPEC §4.5): the e-mail carries a link token and a code; both are needed, each is
// single-use and short-lived, and only the newest link of a holder works (a newer one, or the use of one,
// marks the others used: RecoveryRepository::end_unused_for). Only hashes are stored. Pure data plus the rule
// that decides redemption.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace sportello {

struct RecoveryTicket {
  std::int64_t id = 0;
  std::int64_t citizen_id = 0;
  std::string token_hash;  // SHA-256 of the link token
  std::string code_hash;   // SHA-256 of the code
  Instant created_at{};
  Instant expires_at{};
  std::optional<Instant> used_at;
  int wrong_codes = 0;

  static constexpr int kMaxWrongCodes = 5;

  // Checks a presented code (as typed: spaces and dashes between its digits do not matter); on success the
  // ticket becomes used. Errors: recovery-link-used (also when a newer link replaced this one),
  // recovery-link-expired, wrong-recovery-code (which also counts; the 5th kills the ticket).
  Status redeem(std::string_view code, Instant now);
};

}  // namespace sportello
