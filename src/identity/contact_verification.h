#pragma once
// A new mobile number or e-mail address waiting for its code (SPEC §2: mobile and e-mail are verified by a
// code before use). The code goes to the new contact; only its hash is stored. It works once, until
// expires_at, and the fifth wrong code ends it. Pure data plus the rule that decides redemption.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/contact.h"
#include "core/result.h"

namespace sportello {

struct ContactVerification {
  std::int64_t id = 0;
  std::int64_t citizen_id = 0;
  ContactKind kind = ContactKind::email;
  std::string value;      // normalised
  std::string code_hash;  // SHA-256 of the code
  Instant created_at{};
  Instant expires_at{};
  std::optional<Instant> used_at;
  int wrong_codes = 0;

  static constexpr int kMaxWrongCodes = 5;

  // Checks a presented code; on success the verification becomes used. Errors: contact-code-used,
  // contact-code-expired, wrong-contact-code (which counts; the 5th ends the verification).
  Status redeem(std::string_view code, Instant now);
};

// Storage of verifications, used inside a UnitOfWork transaction.
class ContactVerificationRepository {
 public:
  virtual ~ContactVerificationRepository() = default;
  virtual std::int64_t insert(const ContactVerification& verification) = 0;
  // The newest verification of `kind` for the citizen, used or not.
  virtual std::optional<ContactVerification> latest(std::int64_t citizen_id, ContactKind kind) = 0;
  virtual void update(const ContactVerification& verification) = 0;
};

}  // namespace sportello
