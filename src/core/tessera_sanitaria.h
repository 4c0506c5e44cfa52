#pragma once
// The health card (tessera sanitaria) as printed: a 20-digit number beginning 80380 (the Italian issuer
// prefix) and an expiry date. A value of this type is well formed; whether it has expired is asked with a date.
#include <string>
#include <string_view>

#include "core/civil_time.h"
#include "core/result.h"

namespace sportello {

class TesseraSanitaria {
 public:
  // Spaces and dashes in the number are ignored. Errors: invalid-ts-number (field tessera_number),
  // invalid-ts-expiry (field tessera_expiry).
  static Result<TesseraSanitaria> parse(std::string_view number, std::string_view expiry);
  TesseraSanitaria(std::string number, Date expiry) : number_(std::move(number)), expiry_(expiry) {}

  // Refuses a card whose expiry date is before `today` (Rome calendar date): ts-expired.
  Status check_valid_on(Date today) const;

  const std::string& number() const { return number_; }
  Date expiry() const { return expiry_; }
  bool operator==(const TesseraSanitaria&) const = default;

 private:
  std::string number_;
  Date expiry_;
};

}  // namespace sportello
