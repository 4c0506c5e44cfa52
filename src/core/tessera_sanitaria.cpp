#include "core/tessera_sanitaria.h"

#include <algorithm>

#include "core/typed_code.h"
#include "core/typed_date.h"

namespace sportello {
namespace {

constexpr std::string_view kIssuerPrefix = "80380";
constexpr std::size_t kDigits = 20;

}  // namespace

Result<TesseraSanitaria> TesseraSanitaria::parse(std::string_view number_text, std::string_view expiry_text) {
  const std::string number = without_separators(number_text);
  const bool all_digits = std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (number.size() != kDigits || !all_digits)
    return Error::invalid("invalid-ts-number", "The health card number must have 20 digits.", "tessera_number");
  if (!number.starts_with(kIssuerPrefix))
    return Error::invalid("invalid-ts-number", "The health card number must begin with 80380.", "tessera_number");
  const auto expiry = parse_typed_date(expiry_text);
  if (!expiry)
    return Error::invalid("invalid-ts-expiry", "The health card expiry must be a date (DD/MM/YYYY).", "tessera_expiry");
  return TesseraSanitaria{number, *expiry};
}

Status TesseraSanitaria::check_valid_on(Date today) const {
  if (std::chrono::sys_days{expiry_} < std::chrono::sys_days{today})
    return Error::invalid("ts-expired", "The health card expired on " + format_date_it(expiry_) + ".",
                          "tessera_expiry");
  return Ok{};
}

}  // namespace sportello
