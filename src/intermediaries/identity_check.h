#pragma once
// How a contact-centre operator checked who is calling before acting for them (issue 11): the questions asked,
// from a fixed list, and never the answers. At least kMinIdentityQuestions different ones are needed. Pure.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sportello {

enum class IdentityQuestion {
  birth_date_and_place,  // data e luogo di nascita
  residence,             // indirizzo di residenza
  tessera_sanitaria,     // numero della tessera sanitaria
  last_employer,         // ultimo datore di lavoro
  last_payment,          // importo dell'ultimo pagamento ricevuto dall'Istituto
  pin_request_reference, // numero della richiesta di PIN
};

inline constexpr IdentityQuestion kAllIdentityQuestions[] = {
    IdentityQuestion::birth_date_and_place, IdentityQuestion::residence, IdentityQuestion::tessera_sanitaria,
    IdentityQuestion::last_employer, IdentityQuestion::last_payment, IdentityQuestion::pin_request_reference};

inline constexpr std::size_t kMinIdentityQuestions = 2;

// "birth-date-and-place", "residence", "tessera-sanitaria", "last-employer", "last-payment", "pin-request-reference".
const char* to_string(IdentityQuestion question);
std::optional<IdentityQuestion> parse_identity_question(std::string_view text);

// The questions as named by a form or a client, in the list's order without repeats; nullopt when a name is
// unknown or fewer than kMinIdentityQuestions different ones are given.
std::optional<std::vector<IdentityQuestion>> parse_identity_check(const std::vector<std::string>& names);

// "birth-date-and-place, residence": what the audit row records.
std::string describe_identity_check(const std::vector<IdentityQuestion>& questions);

}  // namespace sportello
