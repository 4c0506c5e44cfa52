#include "web/refused_pin.h"

#include "core/civil_time.h"
#include "credential/lockout_policy.h"

namespace sportello::web {
namespace {

// The catalogue's sentence with {{minutes}} and {{time}} filled in, so each language orders them its own way.
std::string with_wait(std::string text, const std::string& minutes, const std::string& time) {
  for (const auto& [key, value] : {std::pair<std::string, const std::string&>{"{{minutes}}", minutes},
                                   std::pair<std::string, const std::string&>{"{{time}}", time}})
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  return text;
}

}  // namespace

bool is_refused_pin(const Error& e) { return e.code == "wrong-pin" || e.code == "blocked"; }

std::string refused_pin_text(const Texts& t, Language language, const Error& e, Instant now) {
  if (e.retry_after <= Seconds{0}) return t.get(language, e.code == "blocked" ? "error_blocked" : "error_login");
  return wait_text(t, language, e.code == "blocked" ? "blocked_wait" : "wrong_pin_wait", e.retry_after, now);
}

std::string wait_text(const Texts& t, Language language, const std::string& key, Seconds retry_after, Instant now) {
  const long long minutes = minutes_to_wait(retry_after);
  const std::string wait = std::to_string(minutes) + " " + t.get(language, minutes == 1 ? "minute" : "minutes");
  return with_wait(t.get(language, key), wait, format_rome_time(next_try_at(now, retry_after)));
}

}  // namespace sportello::web
