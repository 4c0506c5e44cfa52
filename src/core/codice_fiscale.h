#pragma once
// The codice fiscale (DM 23/12/1976; SPEC §2): parsing and validation, computation from personal data, and
// the agreement between a code and the identity a person declares.
//
// A CodiceFiscale exists only once parse() has checked the layout, month, day, birth place (a comune or
// foreign state that existed on the birth date) and check character; its code() is normalised (omocodia
// letters turned back into digits, check character recomputed), so two holders of the same person's code,
// omocode or not, compare equal. Immutable value; thread-safe. Never log code(): log masked().
#include <string>
#include <string_view>
#include <vector>

#include "core/belfiore.h"
#include "core/civil_time.h"
#include "core/codice_fiscale_rules.h"
#include "core/result.h"
#include "core/sex.h"

namespace sportello {

class CodiceFiscale {
 public:
  // Drops the spaces and dashes people type between a code's groups ("rss mra 85t10 h501o"; core/typed_code.h),
  // upper-cases and checks `text`, reporting the first fault in this order, as an
  // invalid_input error on field "codice_fiscale" with code invalid-cf-length, invalid-cf-format,
  // invalid-cf-month, invalid-cf-day, invalid-cf-birthplace or invalid-cf-check-character.
  // The two year digits are placed in the latest century that does not put the birth after `today`; when
  // the birth place did not exist on that date but did a century earlier, the earlier century is taken
  // (a person born in 1925 in a comune abolished in 1960).
  static Result<CodiceFiscale> parse(std::string_view text, const BelfioreRegistry& places, Date today);

  const std::string& code() const { return code_; }          // normalised
  const std::string& as_given() const { return as_given_; }  // upper-cased input; may be omocode
  bool omocode() const { return code_ != as_given_; }
  Date birth_date() const { return birth_date_; }
  Sex sex() const { return sex_; }
  const std::string& belfiore() const { return birth_place_.code; }
  const BirthPlace& birth_place() const { return birth_place_; }
  // For logs: the surname and name letters and the check character only, e.g. "RSSMRA*********S".
  std::string masked() const;

  friend bool operator==(const CodiceFiscale& a, const CodiceFiscale& b) { return a.code_ == b.code_; }

 private:
  CodiceFiscale() = default;

  std::string code_;
  std::string as_given_;
  Date birth_date_;
  Sex sex_ = Sex::male;
  BirthPlace birth_place_;
};

struct PersonForCodiceFiscale {
  std::string surname, name;
  Sex sex = Sex::male;
  Date birth_date;
  std::string birth_place;  // name of a comune or foreign state ("Forlì", "Francia"), or its Belfiore code
  std::string province;     // two letters, "EE" for a foreign state, or empty
};

// The (normalised) codice fiscale of a person. The birth place is taken as a Belfiore code when it looks
// like one, else looked up by name (and province when given) among the places valid on the birth date.
// Errors (invalid_input): invalid-surname / invalid-name (no letters), invalid-birth-date,
// unknown-birth-place and ambiguous-birth-place (field birth_place; the message lists the provinces).
Result<std::string> compute_codice_fiscale(const PersonForCodiceFiscale& person, const BelfioreRegistry& places);

struct DeclaredIdentity {
  std::string surname, name;
  Sex sex = Sex::male;
  Date birth_date;
  std::string birth_place_code;  // Belfiore code
};

// Ok when the code agrees with the declared data; otherwise the first disagreement in the order surname,
// name, sex, birth date, birth place, as an invalid_input error with code cf-mismatch-surname,
// cf-mismatch-name, cf-mismatch-sex, cf-mismatch-birth-date or cf-mismatch-birth-place and `field` surname,
// name, sex, birth_date or birth_place. The birth date agrees when it has the day, month and the two year
// digits the code holds, since the code cannot tell 1920 from 2020.
Status check_agreement(const CodiceFiscale& code, const DeclaredIdentity& declared);

}  // namespace sportello
