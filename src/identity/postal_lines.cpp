#include "identity/postal_lines.h"

namespace sportello {
namespace {

Error too_long(const char* what, std::size_t limit, std::size_t length, const char* field) {
  return Error::invalid("address-too-long",
                        std::string("The ") + what + " line of the address holds at most " + std::to_string(limit) +
                            " characters on a letter; this one has " + std::to_string(length) + ".",
                        field);
}

}  // namespace

std::string name_line(std::string_view name, std::string_view surname) {
  return std::string(name) + " " + std::string(surname);
}

std::string street_line(const Address& a) { return a.number.empty() ? a.street : a.street + " " + a.number; }

std::string place_line(const Address& a) {
  return a.cap + " " + a.comune + (a.province.empty() ? "" : " (" + a.province + ")");
}

std::string residence_line(const Address& a) { return street_line(a) + ", " + place_line(a); }

std::size_t printed_length(std::string_view utf8) {
  std::size_t count = 0;
  for (const char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;  // continuation bytes are not characters
  return count;
}

std::vector<Error> check_residence_lines(const Address& address) {
  std::vector<Error> problems;
  if (const std::size_t n = printed_length(street_line(address)); n > kStreetLineMax)
    problems.push_back(too_long("street and number", kStreetLineMax, n, "street"));
  if (const std::size_t n = printed_length(place_line(address)); n > kPlaceLineMax)
    problems.push_back(too_long("CAP, comune and province", kPlaceLineMax, n, "comune"));
  return problems;
}

std::vector<Error> check_name_line(std::string_view name, std::string_view surname) {
  const std::size_t n = printed_length(name_line(name, surname));
  if (n <= kNameLineMax) return {};
  return {too_long("name and surname", kNameLineMax, n,
                   printed_length(name) > printed_length(surname) ? "name" : "surname")};
}

}  // namespace sportello
