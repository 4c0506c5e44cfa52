// compute_codice_fiscale: the code of a person from surname, name, sex, birth date and birth place.
#include <algorithm>
#include <cstdio>

#include "core/codice_fiscale.h"

namespace sportello {
namespace {

constexpr const char* kPlaceField = "birth_place";

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

bool looks_like_belfiore_code(std::string_view text) {
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  return text.size() == 4 && ((text[0] >= 'A' && text[0] <= 'Z') || (text[0] >= 'a' && text[0] <= 'z')) &&
         std::all_of(text.begin() + 1, text.end(), is_digit);
}

Result<BirthPlace> place_by_code(const std::string& code, Date born, const BelfioreRegistry& places) {
  if (auto place = places.find(code, born)) return *std::move(place);
  return Error::invalid("unknown-birth-place", "No Italian comune or foreign state had the code " + code +
                                                   " on " + format_date(born) + ".", kPlaceField);
}

// One place per code: a code can have two records valid on one day under the same name.
std::vector<BirthPlace> distinct_codes(std::vector<BirthPlace> found) {
  found.erase(std::unique(found.begin(), found.end(),
                          [](const BirthPlace& a, const BirthPlace& b) { return a.code == b.code; }),
              found.end());
  return found;
}

Result<BirthPlace> place_by_name(const std::string& name, const std::string& province, Date born,
                                 const BelfioreRegistry& places) {
  std::vector<BirthPlace> found = distinct_codes(places.find_by_name(name, province, born));
  if (found.size() == 1) return std::move(found.front());
  const std::string where = province.empty() ? "" : " in province " + province;
  if (found.empty())
    return Error::invalid("unknown-birth-place", "No Italian comune or foreign state called " + name + where +
                                                     " existed on " + format_date(born) + ".", kPlaceField);
  std::string provinces;
  for (const BirthPlace& place : found) provinces += (provinces.empty() ? "" : ", ") + place.province;
  return Error::invalid("ambiguous-birth-place", "More than one place was called " + name + where + " on " +
                                                     format_date(born) + " (provinces " + provinces +
                                                     "); say which province.", kPlaceField);
}

Result<BirthPlace> resolve_birth_place(const PersonForCodiceFiscale& person, const BelfioreRegistry& places) {
  const std::string place = trim(person.birth_place);
  if (place.empty()) return Error::invalid("unknown-birth-place", "The birth place is missing.", kPlaceField);
  if (looks_like_belfiore_code(place)) {
    std::string code = place;
    code[0] = static_cast<char>(code[0] & ~0x20);  // upper case
    return place_by_code(code, person.birth_date, places);
  }
  return place_by_name(place, trim(person.province), person.birth_date, places);
}

// Positions 7–11: year digits, month letter, day (+40 for women).
std::string date_and_sex_part(Date born, Sex sex) {
  const int two_digits = (int(born.year()) % 100 + 100) % 100;
  const unsigned day = unsigned(born.day()) + (sex == Sex::female ? 40 : 0);
  char part[8];
  std::snprintf(part, sizeof part, "%02d%c%02u", two_digits, month_letter(unsigned(born.month())), day);
  return part;
}

}  // namespace

Result<std::string> compute_codice_fiscale(const PersonForCodiceFiscale& person, const BelfioreRegistry& places) {
  if (coding_letters(person.surname).empty())
    return Error::invalid("invalid-surname", "The surname must contain at least one letter.", "surname");
  if (coding_letters(person.name).empty())
    return Error::invalid("invalid-name", "The name must contain at least one letter.", "name");
  if (!person.birth_date.ok())
    return Error::invalid("invalid-birth-date", "The birth date is not a real date.", "birth_date");
  Result<BirthPlace> place = resolve_birth_place(person, places);
  if (!place) return place.error();

  std::string code = surname_code(person.surname) + name_code(person.name) +
                     date_and_sex_part(person.birth_date, person.sex) + place->code;
  code += check_character(code);
  return code;
}

}  // namespace sportello
