// The configuration file (app/config.h): TOML text read as Config::load reads a file (Config::from_toml), with
// SPORTELLO_* environment overrides. Lines after a line "#--env--" are the environment, one NAME=VALUE a line.
//
// Properties beyond "no crash": a configuration either loads whole and consistent (every duration within
// 1 s .. 3650 days, idle time-out within the absolute one) or is refused as invalid-config.
#include <chrono>
#include <string>

#include "app/config.h"
#include "fuzz_support.h"

namespace {

using namespace sportello;
using std::chrono::seconds;

constexpr std::string_view kEnvMark = "\n#--env--\n";

bool sane(seconds d) { return d.count() >= 0 && d <= std::chrono::days{3650}; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  const std::size_t mark = input.find(kEnvMark);
  const std::string_view toml = input.substr(0, mark);
  std::map<std::string, std::string> env;
  if (mark != std::string_view::npos)
    for (auto& [name, value] : fuzz::key_values(input.substr(mark + kEnvMark.size()))) env[name] = value;

  auto config = Config::from_toml(toml, "/srv/sportello", env);
  if (!config) {
    FUZZ_CHECK(config.error().kind != ErrorKind::invalid_input || config.error().code == "invalid-config",
               config.error().code);
    return 0;
  }
  const Config& c = *config;
  FUZZ_CHECK(c.session.idle_timeout <= c.session.absolute_timeout, "session time-outs");
  for (const seconds d : {c.pin.activation_window, c.lockout.step, c.lockout.reset_after, c.lockout.purge_every,
                          c.request.confirmation_window, c.recovery.link_lifetime, c.contacts.code_lifetime,
                          c.session.idle_timeout, c.session.absolute_timeout, c.session.read_cache_ttl,
                          c.audit.checkpoint_every, c.server.read_timeout, c.server.keep_alive_timeout,
                          c.server.header_timeout, c.courier.poll_interval, c.courier.lease, c.courier.backoff_base,
                          c.courier.backoff_max, c.email.timeout, c.pec.timeout, c.sms.timeout, c.letters.batch_every,
                          c.limits.code_window, c.limits.letters_window, c.staff.lockout_step})
    FUZZ_CHECK(sane(d), std::to_string(d.count()));
  FUZZ_CHECK(c.courier.language == "it" || c.courier.language == "en", c.courier.language);
  return 0;
}
