#include "web/applications_format.h"

#include <cctype>

#include "core/civil_time.h"
#include "core/iban.h"
#include "services/money.h"
#include "web/euro_text.h"

namespace sportello::web {
namespace {

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

bool codice_fiscale_like(std::string_view s) {
  if (s.size() != 16) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::string display_value(FieldKind kind, const std::string& stored, Language language) {
  switch (kind) {
    case FieldKind::date:
      if (const auto date = parse_date(stored))
        return language == Language::it ? format_date_it(*date) : sportello::format_date(*date);
      return stored;
    case FieldKind::money:
      if (const auto cents = parse_cents(stored)) return euro_text(*cents, language);
      return stored;
    case FieldKind::iban:
      return stored.size() == 27 ? format_iban(stored) : stored;
    default:
      return stored;
  }
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = trimmed(text.substr(0, end));
    if (!line.empty()) lines.emplace_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::string joined_lines(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& v : values) text += (text.empty() ? "" : "\n") + v;
  return text;
}

Age age_of(Instant since, Instant now) {
  const auto waited = now > since ? now - since : Seconds{0};
  const long long hours = std::chrono::duration_cast<std::chrono::hours>(waited).count();
  if (hours >= 24) return {Age::days, hours / 24};
  if (hours >= 1) return {Age::hours, hours};
  return {Age::under_hour, 0};
}

std::string file_size(std::uint64_t bytes, Language language) {
  if (bytes < 1024) return std::to_string(bytes) + (language == Language::it ? " byte" : " bytes");
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
  const std::uint64_t tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
  return std::to_string(tenths / 10) + (language == Language::it ? "," : ".") + std::to_string(tenths % 10) + " MB";
}

std::optional<std::string> problem_subject(const Error& problem) {
  const std::string& m = problem.message;
  if (m.size() > 2 && m.front() == '"') {
    const auto close = m.find('"', 1);
    if (close != std::string::npos && close > 1) return m.substr(1, close - 1);
    return std::nullopt;
  }
  if (problem.field == "attachments") {
    const auto is = m.rfind(" is ");
    return is == std::string::npos || is == 0 ? std::nullopt : std::optional<std::string>(m.substr(0, is));
  }
  const std::string first = m.substr(0, m.find(' '));
  if (codice_fiscale_like(first)) return first;
  return std::nullopt;
}

}  // namespace sportello::web
