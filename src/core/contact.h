#pragma once
// Contact channels of a person (SPEC §2) and their format rules. Each validator returns the normalised value
// (phone numbers as +39 followed by digits, addresses lower-cased in the domain) or an error naming the field.
// Numbers may be written in any Italian way (+39 333 1234567, 0039…, 333-123 4567, spaces of any kind);
// contact_match_key() says when two writings are the same contact.
#include <string>
#include <string_view>

#include "core/result.h"

namespace sportello {

enum class ContactKind { mobile, email, pec, pec_cittadino, home_phone, office_phone, fax };

const char* to_string(ContactKind kind);          // "mobile", "email", "pec", ...
bool parse_contact_kind(std::string_view text, ContactKind& out);

// Italian mobile numbers: optional +39/0039, then 3 and 8–9 more digits.
Result<std::string> normalise_mobile(std::string_view text, std::string_view field = "mobile");
// Italian landlines (home, office, fax): optional +39/0039, then 0 and 5–10 more digits.
Result<std::string> normalise_landline(std::string_view text, std::string_view field);
// E-mail and PEC addresses: one @, a local part, a dotted domain; no spaces.
Result<std::string> normalise_email(std::string_view text, std::string_view field = "email");
// Dispatches on kind.
Result<std::string> normalise_contact(ContactKind kind, std::string_view text);

// What two writings of one contact have in common, so they compare equal: an e-mail, PEC or PEC cittadino
// address lower-cased whole (a mailbox is reached whatever its letters' case, and people do not remember it),
// a phone number as normalise_contact gives it. A value that is not well formed is kept as written, trimmed.
std::string contact_match_key(ContactKind kind, std::string_view value);

}  // namespace sportello
