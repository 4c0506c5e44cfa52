// The codice fiscale as people type it (core/codice_fiscale.h): parse() judged against two days, and when the
// input has the shape "surname|name|sex|birth date|birth place|province", compute_codice_fiscale() and
// check_agreement() on that person, as a request form does (with a seventh part "?", the places whose names
// come near an unknown birth place, as the form suggests them).
//
// Properties beyond "no crash": a parsed code is 16 characters and parses again to itself (normalised, same
// birth date, sex and place); each of its omocodia variants parses to the same person; masked() hides the
// middle nine characters; a computed code parses and agrees with the person it was computed from.
#include <string>

#include "core/codice_fiscale.h"
#include "core/typed_date.h"
#include "fuzz_support.h"

namespace {

using namespace sportello;

void check_parsed(const CodiceFiscale& cf, Date today) {
  FUZZ_CHECK(cf.code().size() == kCodiceFiscaleLength, cf.code());
  FUZZ_CHECK(cf.as_given().size() == kCodiceFiscaleLength, cf.as_given());
  FUZZ_CHECK(cf.birth_date().ok() && cf.birth_date() <= today, format_date(cf.birth_date()));
  const std::string masked = cf.masked();
  FUZZ_CHECK(masked.size() == kCodiceFiscaleLength && masked.substr(6, 9) == std::string(9, '*'), masked);

  auto again = CodiceFiscale::parse(cf.code(), fuzz::places(), today);
  FUZZ_CHECK(again.ok(), cf.code() + ": " + (again ? "" : again.error().message));
  FUZZ_CHECK(*again == cf && again->birth_date() == cf.birth_date() && again->sex() == cf.sex() &&
                 again->belfiore() == cf.belfiore() && !again->omocode(),
             cf.code());
  for (const std::string& variant : omocodia_variants(cf.code())) {
    auto omocode = CodiceFiscale::parse(variant, fuzz::places(), today);
    FUZZ_CHECK(omocode.ok() && *omocode == cf && omocode->omocode(), variant + " of " + cf.code());
  }
}

void parse_code(std::string_view text) {
  for (const Date today : {fuzz::kToday, fuzz::kCenturyTurn}) {
    auto cf = CodiceFiscale::parse(text, fuzz::places(), today);
    if (cf) {
      check_parsed(*cf, today);
    } else {
      FUZZ_CHECK(cf.error().kind == ErrorKind::invalid_input && cf.error().field == "codice_fiscale",
                 cf.error().code);
    }
  }
}

// "surname|name|sex|birth date|birth place|province": the data a request form sends with the code.
void compute_code(const std::vector<std::string_view>& parts) {
  PersonForCodiceFiscale person;
  person.surname = parts[0];
  person.name = parts[1];
  person.sex = parse_sex(parts[2]).value_or(Sex::male);
  const auto born = parse_typed_date(parts[3]);
  person.birth_date = born.value_or(Date{});
  person.birth_place = parts[4];
  person.province = parts.size() > 5 ? parts[5] : "";
  auto code = compute_codice_fiscale(person, fuzz::places());
  if (!code) {
    // What a form offers for a place that matched nothing ("did you mean"). It scans every name (milliseconds
    // under the sanitizers), so only inputs that ask with a seventh part "?" pay for it.
    if (code.error().code == "unknown-birth-place" && born && parts.size() > 6 && parts[6] == "?") {
      for (const BirthPlace& near : fuzz::places().near_misses(person.birth_place, *born))
        FUZZ_CHECK(near.valid_on(*born), near.code);
    }
    return;
  }
  FUZZ_CHECK(code->size() == kCodiceFiscaleLength, *code);
  auto cf = CodiceFiscale::parse(*code, fuzz::places(), fuzz::kToday);
  if (!cf) return;  // e.g. born after kToday or more than a century before: the code cannot tell
  FUZZ_CHECK(cf->code() == *code, *code);
  const DeclaredIdentity declared{person.surname, person.name, person.sex, person.birth_date, cf->belfiore()};
  const Status agreement = check_agreement(*cf, declared);
  FUZZ_CHECK(agreement.ok(), *code + ": " + (agreement ? "" : agreement.error().code));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::places();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  parse_code(text);
  const auto parts = fuzz::split(text, '|');
  if (parts.size() >= 5) compute_code(parts);
  (void)surname_code(text);
  (void)name_code(text);
  return 0;
}
