#include "credential/recovery_ticket.h"

#include "core/digest.h"
#include "core/typed_code.h"

namespace sportello {

Status RecoveryTicket::redeem(std::string_view code, Instant now) {
  if (used_at || wrong_codes >= kMaxWrongCodes)
    return Error{ErrorKind::expired, "recovery-link-used",
                 "This recovery link no longer works: it was used, or a newer one was sent. Use the latest e-mail "
                 "or start again.",
                 "token", {}};
  if (now >= expires_at)
    return Error{ErrorKind::expired, "recovery-link-expired", "This recovery link has expired; start again.", "token", {}};
  if (!constant_time_equal(sha256_hex(without_separators(code)), code_hash)) {
    ++wrong_codes;
    return Error{ErrorKind::wrong_secret, "wrong-recovery-code", "The recovery code is not right.", "code", {}};
  }
  used_at = now;
  return Ok{};
}

}  // namespace sportello
