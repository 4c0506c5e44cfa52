#include "identity/contact_verification.h"

#include "core/digest.h"
#include "core/typed_code.h"

namespace sportello {

Status ContactVerification::redeem(std::string_view code, Instant now) {
  if (used_at || wrong_codes >= kMaxWrongCodes)
    return Error{ErrorKind::expired, "contact-code-used", "This code has already been used; ask for a new one.", "code", {}};
  if (now >= expires_at)
    return Error{ErrorKind::expired, "contact-code-expired", "This code has expired; ask for a new one.", "code", {}};
  if (!constant_time_equal(sha256_hex(normalise_typed_code(code)), code_hash)) {  // "123 456" is 123456
    ++wrong_codes;
    return Error{ErrorKind::wrong_secret, "wrong-contact-code", "The code is not right.", "code", {}};
  }
  used_at = now;
  return Ok{};
}

}  // namespace sportello
