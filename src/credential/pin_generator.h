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

// Upper-cases and strips spaces and dashes, so "abcd efgh-..." as typed from a letter still matches.
std::string normalise_typed_pin(std::string_view typed);

}  // namespace sportello
