#pragma once
// The web pages' languages (issue 5): Italian first, English second. The language of a request comes from
// the switch (?lang=), then the `lang` cookie the switch leaves, then Accept-Language; Italian otherwise.
// Texts live in message catalogues (locales/<lang>.toml and locales/<group>.<lang>.toml, compiled in; a key
// is defined once across a language's files); dates are written the locale's way.
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/civil_time.h"
#include "core/result.h"

namespace sportello::web {

enum class Language { it, en };
const char* to_string(Language language);
std::optional<Language> parse_language(std::string_view text);

// `switch_value` (?lang=), `cookie_value` and the Accept-Language header, in that order of precedence.
Language choose_language(std::string_view switch_value, std::string_view cookie_value, std::string_view accept_language);

// "25 novembre 2026" / "25 November 2026"; with the time, "25 novembre 2026, 14:32" in Rome.
std::string format_date(Date date, Language language);
std::string format_datetime(Instant at, Language language);

class Texts {
 public:
  // The catalogues compiled into the binary; every key of Italian must exist in English too.
  static Result<std::shared_ptr<const Texts>> builtin();
  // Keys name the file without ".toml": "it", "en", "console.it"; the language is the last part.
  static Result<std::shared_ptr<const Texts>> parse(const std::map<std::string, std::string>& toml_by_language);

  // The text for `key`, or the key itself when missing (a visible mistake, never an empty page).
  std::string get(Language language, const std::string& key) const;
  const std::map<std::string, std::string>& all(Language language) const;

 private:
  std::map<Language, std::map<std::string, std::string>> texts_;
};

}  // namespace sportello::web
