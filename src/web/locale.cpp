#include "web/locale.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <vector>

#include "web/embedded_web_files.h"

namespace sportello::web {
namespace {

constexpr const char* kMonthsIt[] = {"gennaio", "febbraio", "marzo",     "aprile",  "maggio",   "giugno",
                                     "luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre"};
constexpr const char* kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The first language of Accept-Language that we speak, by quality ("en-GB;q=0.8, it;q=0.9" -> it).
std::optional<Language> from_accept_language(std::string_view header) {
  std::optional<Language> best;
  double best_q = -1;
  std::size_t at = 0;
  while (at <= header.size()) {
    const std::size_t end = std::min(header.find(',', at), header.size());
    const std::string item = lower(header.substr(at, end - at));
    at = end + 1;
    const std::size_t semi = item.find(';');
    std::string tag = item.substr(0, semi);
    tag.erase(std::remove(tag.begin(), tag.end(), ' '), tag.end());
    double q = 1.0;
    if (const std::size_t qpos = item.find("q=", semi == std::string::npos ? item.size() : semi); qpos != std::string::npos)
      q = std::atof(item.c_str() + qpos + 2);
    const auto language = parse_language(tag.substr(0, tag.find('-')));
    if (language && q > best_q) {
      best = language;
      best_q = q;
    }
    if (end == header.size()) break;
  }
  return best;
}

}  // namespace

const char* to_string(Language language) { return language == Language::en ? "en" : "it"; }

std::optional<Language> parse_language(std::string_view text) {
  if (text == "it") return Language::it;
  if (text == "en") return Language::en;
  return std::nullopt;
}

Language choose_language(std::string_view switch_value, std::string_view cookie_value, std::string_view accept_language) {
  if (auto chosen = parse_language(switch_value)) return *chosen;
  if (auto remembered = parse_language(cookie_value)) return *remembered;
  return from_accept_language(accept_language).value_or(Language::it);
}

std::string format_date(Date date, Language language) {
  const auto month = static_cast<unsigned>(date.month()) - 1;
  const std::string day = std::to_string(static_cast<unsigned>(date.day()));
  const std::string year = std::to_string(static_cast<int>(date.year()));
  return day + " " + (language == Language::en ? kMonthsEn[month] : kMonthsIt[month]) + " " + year;
}

std::string format_datetime(Instant at, Language language) {
  return format_date(rome_date(at), language) + (language == Language::en ? ", " : ", ore ") + format_rome_time(at);
}

Result<std::shared_ptr<const Texts>> Texts::builtin() {
  std::map<std::string, std::string> by_language;
  for (const auto& file : embedded_web_files())
    if (file.name.starts_with("locales/") && file.name.ends_with(".toml"))
      by_language[std::string(file.name.substr(8, file.name.size() - 13))] = std::string(file.text);
  return parse(by_language);  // keys: "it", "en", "console.it", ...
}

Result<std::shared_ptr<const Texts>> Texts::parse(const std::map<std::string, std::string>& toml_by_language) {
  auto texts = std::make_shared<Texts>();
  for (const auto& [name, text] : toml_by_language) {
    const auto language = parse_language(std::string_view(name).substr(name.rfind('.') + 1));
    if (!language) continue;
    toml::table root;
    try {
      root = toml::parse(text);
    } catch (const toml::parse_error& e) {
      return Error::invalid("invalid-locale", "locales/" + name + ".toml: " + std::string(e.description()), name);
    }
    auto& into = texts->texts_[*language];
    for (const auto& [key, value] : root) {
      const auto string = value.value<std::string>();
      if (!string) return Error::invalid("invalid-locale", "locales/" + name + ".toml: " + std::string(key.str()) + " is not text", name);
      if (!into.emplace(std::string(key.str()), *string).second)
        return Error::invalid("invalid-locale", "locales/" + name + ".toml: " + std::string(key.str()) + " is defined twice", name);
    }
  }
  for (const auto& [key, _] : texts->texts_[Language::it])
    if (!texts->texts_[Language::en].contains(key))
      return Error::invalid("invalid-locale", "locales/en.toml lacks " + key, "en");
  return std::shared_ptr<const Texts>(std::move(texts));
}

std::string Texts::get(Language language, const std::string& key) const {
  const auto& table = all(language);
  const auto found = table.find(key);
  return found == table.end() ? key : found->second;
}

const std::map<std::string, std::string>& Texts::all(Language language) const {
  static const std::map<std::string, std::string> none;
  const auto found = texts_.find(language);
  return found == texts_.end() ? none : found->second;
}

}  // namespace sportello::web
