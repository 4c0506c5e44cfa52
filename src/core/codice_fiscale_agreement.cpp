// check_agreement: whether a codice fiscale is the one of the identity a person declares.
#include <string>

#include "core/codice_fiscale.h"

namespace sportello {
namespace {

Error mismatch(std::string code, std::string what, std::string field) {
  return Error::invalid(std::move(code), "The " + what + " does not agree with the codice fiscale.",
                        std::move(field));
}

bool same_encoded_date(Date declared, Date in_code) {
  return declared.ok() && int(declared.year()) % 100 == int(in_code.year()) % 100 &&
         declared.month() == in_code.month() && declared.day() == in_code.day();
}

std::string upper_trimmed(std::string_view text) {
  std::string out;
  for (const char c : text)
    if (c != ' ' && c != '\t') out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

}  // namespace

Status check_agreement(const CodiceFiscale& cf, const DeclaredIdentity& declared) {
  const std::string& code = cf.code();
  if (coding_letters(declared.surname).empty() || surname_code(declared.surname) != code.substr(0, 3))
    return mismatch("cf-mismatch-surname", "surname", "surname");
  if (coding_letters(declared.name).empty() || name_code(declared.name) != code.substr(3, 3))
    return mismatch("cf-mismatch-name", "name", "name");
  if (declared.sex != cf.sex()) return mismatch("cf-mismatch-sex", "sex", "sex");
  if (!same_encoded_date(declared.birth_date, cf.birth_date()))
    return mismatch("cf-mismatch-birth-date", "birth date", "birth_date");
  if (upper_trimmed(declared.birth_place_code) != cf.belfiore())
    return mismatch("cf-mismatch-birth-place", "birth place", "birth_place");
  return Ok{};
}

}  // namespace sportello
