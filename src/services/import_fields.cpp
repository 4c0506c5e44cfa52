#include "services/import_fields.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace sportello {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

void add(std::vector<RowProblem>& problems, std::string_view field, std::string message) {
  problems.push_back({std::string(field), std::move(message)});
}

}  // namespace

Result<CsvColumns> CsvColumns::map(const CsvRecord& header, std::span<const std::string_view> expected) {
  CsvColumns columns;
  columns.width_ = header.fields.size();
  columns.position_.assign(expected.size(), header.fields.size());
  std::vector<std::string> unknown, repeated, missing;
  for (std::size_t at = 0; at < header.fields.size(); ++at) {
    const std::string_view name = trim_spaces(header.fields[at]);
    const auto it = std::find(expected.begin(), expected.end(), name);
    if (it == expected.end()) {
      unknown.emplace_back(name.empty() ? "(empty)" : name);
      continue;
    }
    std::size_t& slot = columns.position_[static_cast<std::size_t>(it - expected.begin())];
    if (slot != header.fields.size()) repeated.emplace_back(name);
    else slot = at;
  }
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (columns.position_[i] == header.fields.size()) missing.emplace_back(expected[i]);
  if (unknown.empty() && repeated.empty() && missing.empty() && header.fault.empty()) return columns;
  std::string message = header.fault.empty() ? "The header row does not match the format:" : "The header row is malformed (" + header.fault + "):";
  if (!missing.empty()) message += " missing columns " + joined(missing) + ";";
  if (!unknown.empty()) message += " unknown columns " + joined(unknown) + ";";
  if (!repeated.empty()) message += " repeated columns " + joined(repeated) + ";";
  message.back() = '.';
  return Error::invalid("import-columns", message);
}

std::string_view CsvColumns::get(const CsvRecord& record, std::size_t i) const {
  return trim_spaces(record.fields[position_[i]]);
}

bool CsvColumns::has_all_fields(const CsvRecord& record, std::vector<RowProblem>& problems) const {
  if (record.fields.size() == width_) return true;
  add(problems, "", "The row has " + std::to_string(record.fields.size()) + " fields, the header " +
                        std::to_string(width_) + ".");
  return false;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) extra = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) extra = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) extra = 3, cp = c & 0x07;
    else return false;
    if (i + extra >= text.size()) return false;  // cut short
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr std::uint32_t kLeast[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kLeast[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;  // overlong, surrogate
    i += extra + 1;
  }
  return true;
}

bool read_count(std::string_view text, std::string_view field, int& out, std::vector<RowProblem>& problems) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < 0) {
    add(problems, field, "Expected a whole number >= 0, found \"" + std::string(text.substr(0, 40)) + "\".");
    return false;
  }
  out = value;
  return true;
}

bool read_text(std::string_view text, std::string_view field, std::string& out, std::vector<RowProblem>& problems) {
  if (!is_valid_utf8(text)) {
    add(problems, field, "Not valid UTF-8 text.");
    return false;
  }
  out.assign(text);
  return true;
}

bool read_cents(std::string_view text, std::string_view field, Cents& out, std::vector<RowProblem>& problems) {
  const auto value = parse_cents(text);
  if (!value) {
    add(problems, field, "Expected an amount in whole cents (digits only, e.g. 123456 for 1234.56 euro), found \"" +
                             std::string(text.substr(0, 40)) + "\".");
    return false;
  }
  out = *value;
  return true;
}

bool read_date(std::string_view text, std::string_view field, Date& out, std::vector<RowProblem>& problems) {
  const auto value = parse_date(text);
  if (!value) {
    add(problems, field, "Expected a date as YYYY-MM-DD, found \"" + std::string(text.substr(0, 40)) + "\".");
    return false;
  }
  out = *value;
  return true;
}

}  // namespace sportello
