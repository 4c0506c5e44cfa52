#include "services/pension_slip.h"

#include <algorithm>
#include <charconv>

namespace sportello {
namespace {

Error bad_slip(const char* field, std::string message) { return Error::invalid("invalid-pension-slip", std::move(message), field); }

bool between(char c, char low, char high) { return c >= low && c <= high; }

}  // namespace

Cents PensionSlip::expected_net() const {
  return gross + arrears - irpef - addizionale_regionale - addizionale_comunale - conguaglio_730 - other_deductions;
}

std::optional<std::chrono::year_month> parse_year_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0;
  const char* end = text.data() + 4;
  if (std::from_chars(text.data(), end, year).ptr != end) return std::nullopt;
  if (std::from_chars(text.data() + 5, text.data() + 7, month).ptr != text.data() + 7) return std::nullopt;
  const std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{month}};
  if (!ym.ok()) return std::nullopt;
  return ym;
}

std::string format_year_month(std::chrono::year_month month) {
  char out[8];
  const int year = static_cast<int>(month.year());
  const unsigned m = static_cast<unsigned>(month.month());
  out[0] = static_cast<char>('0' + year / 1000 % 10);
  out[1] = static_cast<char>('0' + year / 100 % 10);
  out[2] = static_cast<char>('0' + year / 10 % 10);
  out[3] = static_cast<char>('0' + year % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  return std::string(out, 7);
}

Status validate(const PensionSlip& s, Date today) {
  using namespace std::chrono;
  const year_month latest = year_month{today.year(), today.month()} + months{1};
  if (!s.month.ok() || s.month < year_month{year{1990}, January} || s.month > latest)
    return bad_slip("mese", "The month must be between 1990-01 and next month.");
  if (s.category.size() < 2 || s.category.size() > 8 ||
      !std::all_of(s.category.begin(), s.category.end(), [](char c) { return between(c, 'A', 'Z'); }))
    return bad_slip("categoria", "The category is 2 to 8 capital letters (VO, SO, IO, ...).");
  if (s.pension_number.empty() || s.pension_number.size() > 12 ||
      !std::all_of(s.pension_number.begin(), s.pension_number.end(), [](char c) { return between(c, '0', '9'); }))
    return bad_slip("numero_pensione", "The pension number is 1 to 12 digits.");
  const std::pair<const char*, Cents> non_negative[] = {
      {"lordo_centesimi", s.gross},
      {"irpef_centesimi", s.irpef},
      {"addizionale_regionale_centesimi", s.addizionale_regionale},
      {"addizionale_comunale_centesimi", s.addizionale_comunale},
      {"altre_trattenute_centesimi", s.other_deductions},
      {"arretrati_centesimi", s.arrears},
      {"netto_centesimi", s.net}};
  for (const auto& [field, amount] : non_negative)
    if (amount < 0) return bad_slip(field, "The amount cannot be negative.");
  if (s.net != s.expected_net())
    return bad_slip("netto_centesimi", "The net is not the gross plus arrears less the deductions (expected " +
                                      std::to_string(s.expected_net()) + ").");
  if (s.paying_office.empty()) return bad_slip("sede_pagatrice", "The paying office is missing.");
  if (s.paying_office.size() > 120) return bad_slip("sede_pagatrice", "The paying office is longer than 120 characters.");
  if (s.payment_method.size() > 120) return bad_slip("modalita_pagamento", "The payment method is longer than 120 characters.");
  return Ok{};
}

}  // namespace sportello
