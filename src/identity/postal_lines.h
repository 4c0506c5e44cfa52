#pragma once
// The lines of a postal address as a letter prints them (courier/channels/letter_pdf.cpp, the envelope's window)
// and how long each may be so that it prints whole, on one line, in the window: a name line
// ("Mario Rossi"), a street line ("Via Roma 1") and a place line ("00100 Roma (RM)"). An address that breaks
// these limits is refused when it is typed, on the field at fault, rather than failing later in the letter.
//
// The limits come from the window (90 mm wide with 4 mm margins: 82 mm, about 232 pt) and the smallest font
// the address should take, DejaVu Sans 8.5 pt: 45 capitals fit on one line there (37 at 10 pt, 55 at 7 pt;
// measured with pango, the letter's own renderer). 45 is also what the longest comune needs on the place
// line ("00100 SAN VALENTINO IN ABRUZZO CITERIORE (PE)"), so no real comune is refused.
// tests/unit/courier_channels/postal_lines_letter_test.cpp renders a letter at these limits and checks with
// pdftotext that every line prints whole. Characters are counted as Unicode code points. Pure; thread-safe.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "identity/citizen.h"

namespace sportello {

inline constexpr std::size_t kNameLineMax = 45;    // name + " " + surname
inline constexpr std::size_t kStreetLineMax = 45;  // street + " " + number
inline constexpr std::size_t kPlaceLineMax = 45;   // CAP + " " + comune + " (" + province + ")"

// The three lines as flows/delivery.cpp's postal_address() writes them.
std::string name_line(std::string_view name, std::string_view surname);
std::string street_line(const Address& address);
std::string place_line(const Address& address);
// The address on one line, as pages and forms show it: "Via Roma 1, 00100 Roma (RM)".
std::string residence_line(const Address& address);

std::size_t printed_length(std::string_view utf8);  // code points

// "address-too-long" on street (street line) and comune (place line) when a line is over its limit; the
// message says how many characters fit and how many the line has.
std::vector<Error> check_residence_lines(const Address& address);
// "address-too-long" on the longer of name and surname when the name line is over its limit.
std::vector<Error> check_name_line(std::string_view name, std::string_view surname);

}  // namespace sportello
