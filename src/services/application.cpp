#include "services/application.h"

#include <cstdio>

namespace sportello {
namespace {

Error illegal(const char* code, const char* message) { return Error::illegal(code, message); }

}  // namespace

const char* to_string(ApplicationState state) {
  switch (state) {
    case ApplicationState::inviata: return "inviata";
    case ApplicationState::in_istruttoria: return "in_istruttoria";
    case ApplicationState::accolta: return "accolta";
    case ApplicationState::respinta: return "respinta";
    case ApplicationState::ritirata: return "ritirata";
  }
  return "";
}

std::optional<ApplicationState> parse_application_state(std::string_view text) {
  for (ApplicationState s : {ApplicationState::inviata, ApplicationState::in_istruttoria, ApplicationState::accolta,
                             ApplicationState::respinta, ApplicationState::ritirata})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

Status Application::take_in_charge(const std::string& actor, Instant now) {
  if (state != ApplicationState::inviata) return illegal("application-not-pending", "Only a filed application can be taken in charge.");
  state = ApplicationState::in_istruttoria;
  handler = actor;
  events.push_back({state, now, actor, {}});
  return Ok{};
}

Status Application::decide(bool accepted, const std::string& actor, const std::string& reason, Instant now) {
  if (state != ApplicationState::in_istruttoria)
    return illegal("application-not-in-review", "Only an application in review can be decided.");
  if (!accepted && reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::invalid("reason-required", "A rejection needs its reason.", "reason");
  state = accepted ? ApplicationState::accolta : ApplicationState::respinta;
  events.push_back({state, now, actor, reason});
  return Ok{};
}

Status Application::withdraw(const std::string& actor, Instant now) {
  if (state != ApplicationState::inviata)
    return illegal("application-not-pending", "An application can be withdrawn only before its review begins.");
  state = ApplicationState::ritirata;
  events.push_back({state, now, actor, {}});
  return Ok{};
}

std::string Application::decision_reason() const {
  if ((state == ApplicationState::accolta || state == ApplicationState::respinta) && !events.empty())
    return events.back().reason;
  return {};
}

std::string format_protocol(const std::string& office, int year, std::int64_t sequence) {
  char tail[32];
  std::snprintf(tail, sizeof tail, ".%04d.%07lld", year, static_cast<long long>(sequence));
  return "INPS." + office + tail;
}

}  // namespace sportello
