#include "core/codice_fiscale.h"

#include <algorithm>

#include "core/typed_code.h"

namespace sportello {
namespace {

constexpr const char* kField = "codice_fiscale";

Error cf_error(std::string code, std::string message) {
  return Error::invalid(std::move(code), std::move(message), kField);
}

// One byte per character as a person counts them, '?' standing for any character outside ASCII. A byte that
// continues no character (a UTF-8 continuation byte without its lead) is a character of its own, so that no
// byte outside ASCII can hide in a code that looks like 16 characters.
std::string one_byte_per_character(std::string_view text) {
  std::string out;
  int continuations = 0;  // still expected after the last lead byte
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (continuations > 0 && (byte & 0xC0) == 0x80) {
      --continuations;
      continue;
    }
    continuations = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
    out += byte < 0x80 ? c : '?';
  }
  return out;
}

Status check_layout(const std::string& code) {
  const std::string characters = one_byte_per_character(code);
  if (characters.size() != kCodiceFiscaleLength)
    return cf_error("invalid-cf-length", "A codice fiscale has 16 characters; this one has " +
                                             std::to_string(characters.size()) + ".");
  const std::size_t pos = first_malformed_position(characters);
  if (pos == kCodiceFiscaleLength) return Ok{};
  const std::string expected = is_digit_position(pos)
                                   ? "a digit (or one of the omocodia letters L M N P Q R S T U V)"
                                   : "a letter";
  return cf_error("invalid-cf-format",
                  "Character " + std::to_string(pos + 1) + " of the codice fiscale should be " + expected + ".");
}

struct BirthFromCode {
  Date date;
  Sex sex;
};

// Day and sex from positions 9–10, year from 6–7 placed in the latest century not after `today`.
Result<BirthFromCode> decode_birth(const std::string& digits, unsigned month, Date today) {
  const unsigned day_field = static_cast<unsigned>((digits[9] - '0') * 10 + (digits[10] - '0'));
  const bool female = day_field > 40;
  const unsigned day = female ? day_field - 40 : day_field;
  if (day < 1 || day > 31)
    return cf_error("invalid-cf-day", "The day of birth in the codice fiscale must be 01–31 for men or "
                                      "41–71 for women; it is " + digits.substr(9, 2) + ".");
  const int two_digits = (digits[6] - '0') * 10 + (digits[7] - '0');
  int year = int(today.year()) / 100 * 100 + two_digits;
  const auto on = [&](int y) { return Date{std::chrono::year{y}, std::chrono::month{month}, std::chrono::day{day}}; };
  if (on(year) > today) year -= 100;  // compares year, month, day in turn, so 29 February needs no leap year
  const Date date = on(year);
  if (!date.ok())
    return cf_error("invalid-cf-day", "The codice fiscale gives day " + std::to_string(day) + " of month " +
                                          std::to_string(month) + " in " + std::to_string(year) +
                                          ", which is not a real date.");
  return BirthFromCode{date, female ? Sex::female : Sex::male};
}

// The place of `code` valid on the birth date, trying a century earlier when it did not exist then;
// moves `birth` to the earlier century when that is the one that fits.
Result<BirthPlace> resolve_birth_place(std::string_view code, Date& birth, const BelfioreRegistry& places) {
  if (auto place = places.find(code, birth)) return *std::move(place);
  const Date century_earlier{birth.year() - std::chrono::years{100}, birth.month(), birth.day()};
  if (century_earlier.ok()) {
    if (auto place = places.find(code, century_earlier)) {
      birth = century_earlier;
      return *std::move(place);
    }
  }
  const std::vector<BirthPlace> history = places.history(code);
  if (history.empty())
    return cf_error("invalid-cf-birthplace", "The birth place code " + std::string(code) +
                                                 " in the codice fiscale is not the code of any Italian "
                                                 "comune or foreign state.");
  return cf_error("invalid-cf-birthplace", "The birth place " + history.back().name + " (code " +
                                               std::string(code) + ") did not exist on the birth date " +
                                               format_date(birth) + " the codice fiscale gives.");
}

}  // namespace

Result<CodiceFiscale> CodiceFiscale::parse(std::string_view text, const BelfioreRegistry& places, Date today) {
  std::string given = normalise_typed_code(text);
  if (Status layout = check_layout(given); !layout) return layout.error();
  std::string digits = without_omocodia(given);

  const std::optional<unsigned> month = month_from_letter(digits[8]);
  if (!month)
    return cf_error("invalid-cf-month", std::string("The month letter of the codice fiscale must be one of "
                                                    "A B C D E H L M P R S T; it is ") + digits[8] + ".");
  Result<BirthFromCode> birth = decode_birth(digits, *month, today);
  if (!birth) return birth.error();
  Result<BirthPlace> place = resolve_birth_place(std::string_view(digits).substr(11, 4), birth->date, places);
  if (!place) return place.error();

  const char expected = check_character(given);
  if (given[15] != expected)
    return cf_error("invalid-cf-check-character", std::string("The check character (the last one) of this "
                                                              "codice fiscale should be ") + expected +
                                                      ", not " + given[15] + ".");
  digits[15] = check_character(digits);

  CodiceFiscale cf;
  cf.code_ = std::move(digits);
  cf.as_given_ = std::move(given);
  cf.birth_date_ = birth->date;
  cf.sex_ = birth->sex;
  cf.birth_place_ = std::move(place).value();
  return cf;
}

std::string CodiceFiscale::masked() const { return code_.substr(0, 6) + std::string(9, '*') + code_[15]; }

}  // namespace sportello
