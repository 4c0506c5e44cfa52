#include "intermediaries/identity_check.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sportello {
namespace {

constexpr std::array<std::pair<IdentityQuestion, const char*>, 6> kNames{{
    {IdentityQuestion::birth_date_and_place, "birth-date-and-place"},
    {IdentityQuestion::residence, "residence"},
    {IdentityQuestion::tessera_sanitaria, "tessera-sanitaria"},
    {IdentityQuestion::last_employer, "last-employer"},
    {IdentityQuestion::last_payment, "last-payment"},
    {IdentityQuestion::pin_request_reference, "pin-request-reference"},
}};

}  // namespace

const char* to_string(IdentityQuestion question) {
  for (const auto& [q, name] : kNames)
    if (q == question) return name;
  return "unknown";
}

std::optional<IdentityQuestion> parse_identity_question(std::string_view text) {
  for (const auto& [q, name] : kNames)
    if (text == name) return q;
  return std::nullopt;
}

std::optional<std::vector<IdentityQuestion>> parse_identity_check(const std::vector<std::string>& names) {
  std::vector<IdentityQuestion> asked;
  for (const std::string& name : names) {
    const auto question = parse_identity_question(name);
    if (!question) return std::nullopt;
    asked.push_back(*question);
  }
  std::vector<IdentityQuestion> ordered;
  for (IdentityQuestion q : kAllIdentityQuestions)
    if (std::find(asked.begin(), asked.end(), q) != asked.end()) ordered.push_back(q);
  if (ordered.size() < kMinIdentityQuestions) return std::nullopt;
  return ordered;
}

std::string describe_identity_check(const std::vector<IdentityQuestion>& questions) {
  std::string text;
  for (IdentityQuestion q : questions) {
    if (!text.empty()) text += ", ";
    text += to_string(q);
  }
  return text;
}

}  // namespace sportello
