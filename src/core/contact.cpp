#include "core/contact.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "core/typed_code.h"

namespace sportello {
namespace {

constexpr std::array<std::pair<ContactKind, const char*>, 7> kNames{{
    {ContactKind::mobile, "mobile"},
    {ContactKind::email, "email"},
    {ContactKind::pec, "pec"},
    {ContactKind::pec_cittadino, "pec_cittadino"},
    {ContactKind::home_phone, "home_phone"},
    {ContactKind::office_phone, "office_phone"},
    {ContactKind::fax, "fax"},
}};

// Strips spaces and dashes of any kind (core/typed_code.h), dots, slashes and parentheses, and an Italian
// country prefix; returns the national number's digits, or empty when something other than digits remains.
std::string national_digits(std::string_view text) {
  std::string digits;
  for (char c : without_separators(text)) {
    if (c == '.' || c == '/' || c == '(' || c == ')') continue;
    digits.push_back(c);
  }
  if (digits.starts_with("+39")) digits.erase(0, 3);
  else if (digits.starts_with("0039")) digits.erase(0, 4);
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return {};
  return digits;
}

Error bad(std::string_view field, std::string message) {
  return Error::invalid("invalid-" + std::string(field), std::move(message), std::string(field));
}

}  // namespace

const char* to_string(ContactKind kind) {
  for (const auto& [k, name] : kNames)
    if (k == kind) return name;
  return "unknown";
}

bool parse_contact_kind(std::string_view text, ContactKind& out) {
  for (const auto& [k, name] : kNames)
    if (text == name) { out = k; return true; }
  return false;
}

Result<std::string> normalise_mobile(std::string_view text, std::string_view field) {
  const std::string digits = national_digits(text);
  if (digits.size() < 9 || digits.size() > 10 || digits[0] != '3')
    return bad(field, "A mobile number has 9 or 10 digits and begins with 3 (e.g. +39 333 123 4567).");
  return "+39" + digits;
}

Result<std::string> normalise_landline(std::string_view text, std::string_view field) {
  const std::string digits = national_digits(text);
  if (digits.size() < 6 || digits.size() > 11 || digits[0] != '0')
    return bad(field, "A landline number has 6 to 11 digits and begins with 0 (e.g. 06 1234 5678).");
  return "+39" + digits;
}

Result<std::string> normalise_email(std::string_view text, std::string_view field) {
  text = without_surrounding_spaces(text);
  const auto at = text.find('@');
  const bool one_at = at != std::string_view::npos && text.find('@', at + 1) == std::string_view::npos;
  if (!one_at || at == 0 || text.size() > 254)
    return bad(field, "An e-mail address looks like name@example.it.");
  const std::string_view domain = text.substr(at + 1);
  const auto dot = domain.rfind('.');
  const bool dotted = dot != std::string_view::npos && dot > 0 && domain.size() - dot - 1 >= 2 &&
                      domain.find("..") == std::string_view::npos;
  const bool clean = std::none_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isspace(c) || c < 0x21 || c == ',' || c == ';' || c == '<' || c == '>' || c == '"';
  });
  if (!dotted || !clean || domain.front() == '.' || domain.front() == '-')
    return bad(field, "An e-mail address looks like name@example.it.");
  std::string out(text.substr(0, at + 1));
  for (char c : domain) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

Result<std::string> normalise_contact(ContactKind kind, std::string_view text) {
  switch (kind) {
    case ContactKind::mobile: return normalise_mobile(text, "mobile");
    case ContactKind::email: return normalise_email(text, "email");
    case ContactKind::pec: return normalise_email(text, "pec");
    case ContactKind::pec_cittadino: return normalise_email(text, "pec_cittadino");
    case ContactKind::home_phone: return normalise_landline(text, "home_phone");
    case ContactKind::office_phone: return normalise_landline(text, "office_phone");
    case ContactKind::fax: return normalise_landline(text, "fax");
  }
  return bad("contact", "Unknown contact kind.");
}

std::string contact_match_key(ContactKind kind, std::string_view value) {
  const bool address = kind == ContactKind::email || kind == ContactKind::pec || kind == ContactKind::pec_cittadino;
  if (!address) {
    auto number = normalise_contact(kind, value);
    return number ? *number : std::string(without_surrounding_spaces(value));
  }
  std::string key(without_surrounding_spaces(value));
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

}  // namespace sportello
