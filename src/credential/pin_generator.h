#pragma once
// Issues the 16-character PIN (SPEC §3) from the OS CSPRNG in an alphabet without look-alikes
// (no 0/O, 1/I/L), as two halves of 8 that travel on different channels. Thread-safe.
#include <string>
#include <string_view>

namespace sportello {

inline constexpr std::string_view kPinAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
inline constexpr std::size_t kIssuedPinLength = 16;

struct IssuedPin {
  std::string first_half;
  std::string second_half;
  std::string full() const { return first_half + second_half; }
};

IssuedPin generate_issued_pin();

// A PIN as typed, the way it is hashed and checked (docs/decisions/0002): upper-cased, without the spaces and
// dashes people put between its halves (core/typed_code.h says which), so "abcd efgh-..." still matches.
std::string normalise_typed_pin(std::string_view typed);

}  // namespace sportello
