#pragma once
// The monthly pension slip (cedolino della pensione, SPEC §5): for one pension (category and number) and
// one month, the gross amount, each deduction (IRPEF, regional and municipal surcharges, the 730
// adjustment, other withholdings), the arrears paid with it, the net paid and the paying office. Plain
// data plus the rules that check one slip: the net must be what the other amounts make.
#include <cstdint>
#include <string>

#include "core/civil_time.h"
#include "core/result.h"
#include "services/money.h"

namespace sportello {

struct PensionSlip {
  std::int64_t id = 0;
  std::int64_t citizen_id = 0;
  std::chrono::year_month month{};
  std::string category;              // VO (vecchiaia), VOCOM, SO (superstiti), IO (invalidità), ... 2-8 letters
  std::string pension_number;        // 1-12 digits
  Cents gross = 0;                   // lordo
  Cents irpef = 0;
  Cents addizionale_regionale = 0;
  Cents addizionale_comunale = 0;
  Cents conguaglio_730 = 0;          // > 0 withheld, < 0 refunded (rimborso 730)
  Cents other_deductions = 0;        // altre trattenute (sindacali, cessione del quinto, ...)
  Cents arrears = 0;                 // arretrati paid with this month
  Cents net = 0;                     // netto
  std::string paying_office;         // sede pagatrice
  std::string payment_method;        // "accredito su IBAN ...", "ufficio postale", free text, may be empty

  // gross + arrears - irpef - surcharges - conguaglio_730 - other_deductions.
  Cents expected_net() const;
};

// "2026-03" -> March 2026; empty optional otherwise.
std::optional<std::chrono::year_month> parse_year_month(std::string_view text);
std::string format_year_month(std::chrono::year_month month);  // "2026-03"

// Checks a slip as imported: month between January 1990 and the month after `today`'s; category 2-8 capital
// letters; number 1-12 digits; amounts >= 0 except conguaglio_730; net equal to expected_net(); paying
// office present. Errors name the file's column ("netto_centesimi", ...).
Status validate(const PensionSlip& slip, Date today);

}  // namespace sportello
