#include "app/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <exception>
#include <functional>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

extern char** environ;  // POSIX: the process environment, read only by Config::process_environment

namespace sportello {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

constexpr std::string_view kEnvPrefix = "SPORTELLO_";
constexpr std::string_view kSqlite = "sqlite:";
constexpr std::string_view kPostgresql = "postgresql://";
// Longer than any SPEC.md duration by far; keeps time_point arithmetic (nanoseconds) clear of overflow.
constexpr seconds kMaxDuration = std::chrono::days{3650};

Error config_error(std::string_view name, std::string_view message) {
  return Error::invalid("invalid-config", std::string(name) + ": " + std::string(message), std::string(name));
}

// One value to apply, from the file or from an environment variable, with what is needed to judge it.
struct Raw {
  std::string name;                     // "lockout.step" or "SPORTELLO_LOCKOUT_STEP": what errors cite
  std::optional<std::string> text;      // the value, when it is a string
  std::optional<std::int64_t> integer;  // the value, when it is a TOML integer
  std::string type;                     // what the value is when neither, e.g. "a boolean"
  bool from_environment = false;        // environment values are all text: integers are read from it
  fs::path base;                        // folder that relative paths are resolved against
};

std::string describe(const Raw& raw) {
  if (raw.text) return "\"" + *raw.text + "\"";
  if (raw.integer) return std::to_string(*raw.integer);
  return raw.type;
}

Error expected(const Raw& raw, std::string_view what) {
  return config_error(raw.name, "expected " + std::string(what) + ", got " + describe(raw));
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t n = 0;
  const char* end = text.data() + text.size();
  auto [stop, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc{} || stop != end) return std::nullopt;
  return n;
}

Result<std::int64_t> read_integer(const Raw& raw, std::int64_t lo, std::int64_t hi) {
  std::optional<std::int64_t> n = raw.integer;
  if (!n && raw.text && raw.from_environment) n = parse_integer(*raw.text);
  if (!n || *n < lo || *n > hi) {
    if (lo == hi) return expected(raw, "the integer " + std::to_string(lo));
    return expected(raw, "an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
  }
  return *n;
}

Result<seconds> read_duration(const Raw& raw) {
  if (raw.text) return parse_duration(*raw.text, raw.name);
  if (raw.integer) return parse_duration(std::to_string(*raw.integer), raw.name);
  return expected(raw, "a duration like \"3m\"");
}

// Seconds in "90d", "1h30m" (units d, h, m, s, largest first, each once) or a bare "45"; nothing for any other
// text. Sums past kMaxDuration come back as kMaxDuration + 1, so overflow cannot happen.
std::optional<std::int64_t> sum_duration(std::string_view text) {
  constexpr std::string_view digits = "0123456789", units = "dhms";
  constexpr std::int64_t unit_seconds[] = {86400, 3600, 60, 1};
  const std::int64_t too_long = kMaxDuration.count() + 1;
  if (text.empty()) return std::nullopt;
  if (text.find_first_not_of(digits) == std::string_view::npos) {
    return std::min(parse_integer(text).value_or(too_long), too_long);
  }
  std::int64_t total = 0;
  for (std::size_t next_unit = 0; !text.empty();) {
    std::size_t end = text.find_first_not_of(digits);
    if (end == 0 || end == std::string_view::npos) return std::nullopt;
    std::size_t unit = units.find(text[end], next_unit);
    if (unit == std::string_view::npos) return std::nullopt;
    std::int64_t n = parse_integer(text.substr(0, end)).value_or(too_long);
    std::int64_t part = n > too_long / unit_seconds[unit] ? too_long : n * unit_seconds[unit];
    total = std::min(total + part, too_long);
    next_unit = unit + 1;
    text.remove_prefix(end + 1);
  }
  return total;
}

// A relative path joined to `base`; an absolute one unchanged.
fs::path resolve(const fs::path& path, const fs::path& base) {
  return path.is_absolute() ? path : (base / path).lexically_normal();
}

// "sqlite:PATH" with a relative PATH resolved against `base`; any other URL (and sqlite::memory:) unchanged.
std::string resolve_url(const std::string& url, const fs::path& base) {
  if (!url.starts_with(kSqlite)) return url;
  std::string_view rest = std::string_view(url).substr(kSqlite.size());
  if (rest == ":memory:") return url;
  return std::string(kSqlite) + resolve(fs::path(rest), base).string();
}

using Setter = std::function<Status(Config&, const Raw&)>;

template <typename S, typename F>
Setter integer(S Config::*section, F S::*field, std::int64_t lo, std::int64_t hi) {
  return [=](Config& config, const Raw& raw) -> Status {
    Result<std::int64_t> n = read_integer(raw, lo, hi);
    if (!n) return n.error();
    (config.*section).*field = static_cast<F>(*n);
    return Ok{};
  };
}

template <typename S>
Setter duration(S Config::*section, seconds S::*field) {
  return [=](Config& config, const Raw& raw) -> Status {
    Result<seconds> d = read_duration(raw);
    if (!d) return d.error();
    (config.*section).*field = *d;
    return Ok{};
  };
}

// A duration from `lo` to `hi`; `range` says them as they are written, e.g. "from 1s to 5m".
template <typename S>
Setter duration_in(S Config::*section, seconds S::*field, seconds lo, seconds hi, std::string_view range) {
  return [=](Config& config, const Raw& raw) -> Status {
    Result<seconds> d = read_duration(raw);
    if (!d) return d.error();
    if (*d < lo || *d > hi) return expected(raw, "a duration " + std::string(range));
    (config.*section).*field = *d;
    return Ok{};
  };
}

// A duration where zero means "off" (e.g. a cache).
template <typename S>
Setter duration_or_off(S Config::*section, seconds S::*field) {
  return [=](Config& config, const Raw& raw) -> Status {
    const bool zero = (raw.text && sum_duration(*raw.text) == 0) || (raw.integer && *raw.integer == 0);
    if (zero) {
      (config.*section).*field = seconds{0};
      return Ok{};
    }
    Result<seconds> d = read_duration(raw);
    if (!d) return d.error();
    (config.*section).*field = *d;
    return Ok{};
  };
}

template <typename S>
Setter path(S Config::*section, fs::path S::*field) {
  return [=](Config& config, const Raw& raw) -> Status {
    if (!raw.text || raw.text->empty()) return expected(raw, "a path");
    (config.*section).*field = resolve(fs::path(*raw.text), raw.base);
    return Ok{};
  };
}

// A path that may be left empty (a feature turned off).
template <typename S>
Setter optional_path(S Config::*section, fs::path S::*field) {
  return [=](Config& config, const Raw& raw) -> Status {
    if (!raw.text) return expected(raw, "a path (or \"\" for none)");
    (config.*section).*field = raw.text->empty() ? fs::path() : resolve(fs::path(*raw.text), raw.base);
    return Ok{};
  };
}

template <typename S>
Setter text(S Config::*section, std::string S::*field) {
  return [section, field](Config& config, const Raw& raw) -> Status {
    if (!raw.text) return expected(raw, "a string");
    (config.*section).*field = *raw.text;
    return Ok{};
  };
}

// One of a few words.
template <typename S>
Setter one_of(S Config::*section, std::string S::*field, std::vector<std::string> words) {
  return [=](Config& config, const Raw& raw) -> Status {
    std::string list;
    for (const auto& w : words) list += (list.empty() ? "\"" : ", \"") + w + "\"";
    if (!raw.text || std::find(words.begin(), words.end(), *raw.text) == words.end()) return expected(raw, "one of " + list);
    (config.*section).*field = *raw.text;
    return Ok{};
  };
}

// Exactly `digits` decimal digits, kept as text (codes with leading zeros).
template <typename S>
Setter digits_code(S Config::*section, std::string S::*field, std::size_t digits) {
  return [=](Config& config, const Raw& raw) -> Status {
    if (!raw.text || raw.text->size() != digits || raw.text->find_first_not_of("0123456789") != std::string::npos)
      return expected(raw, "a string of " + std::to_string(digits) + " digits");
    (config.*section).*field = *raw.text;
    return Ok{};
  };
}

// A password or token: never repeated in an error.
template <typename S>
Setter secret_text(S Config::*section, std::string S::*field) {
  return [=](Config& config, const Raw& raw) -> Status {
    if (!raw.text) return config_error(raw.name, "expected a string (the value is not shown)");
    (config.*section).*field = *raw.text;
    return Ok{};
  };
}

// A bearer token that guards an operator endpoint: empty (the endpoint is off) or at least 32 characters.
template <typename S>
Setter bearer_token(S Config::*section, std::string S::*field) {
  return [=](Config& config, const Raw& raw) -> Status {
    if (!raw.text || (!raw.text->empty() && raw.text->size() < 32))
      return config_error(raw.name, "expected \"\" or a token of at least 32 characters (the value is not shown)");
    (config.*section).*field = *raw.text;
    return Ok{};
  };
}

// An SMTP server: smtp://HOST[:PORT] or smtps://HOST[:PORT]; PEC may leave it empty to use [email].
Setter mail_url(Config::Mail Config::*section, bool may_be_empty = false) {
  return [=](Config& config, const Raw& raw) -> Status {
    const bool empty_ok = may_be_empty && raw.text && raw.text->empty();
    const bool smtp = raw.text && (raw.text->starts_with("smtp://") || raw.text->starts_with("smtps://")) &&
                      raw.text->find("://") + 3 < raw.text->size();
    if (!empty_ok && !smtp) return expected(raw, may_be_empty ? "\"smtp://HOST:PORT\", \"smtps://HOST:PORT\" or \"\""
                                                              : "\"smtp://HOST:PORT\" or \"smtps://HOST:PORT\"");
    (config.*section).url = *raw.text;
    return Ok{};
  };
}

template <typename S>
Setter http_url(S Config::*section, std::string S::*field) {
  return [=](Config& config, const Raw& raw) -> Status {
    const bool ok = raw.text && (raw.text->starts_with("http://") || raw.text->starts_with("https://")) &&
                    raw.text->find("://") + 3 < raw.text->size();
    if (!ok) return expected(raw, "an http:// or https:// URL");
    (config.*section).*field = *raw.text;
    return Ok{};
  };
}

// An https:// URL with a host (or, with `empty_ok`, nothing: the feature is off). SPID wants HTTPS everywhere.
template <typename S>
Setter https_url(S Config::*section, std::string S::*field, bool empty_ok) {
  return [=](Config& config, const Raw& raw) -> Status {
    const bool empty = raw.text && raw.text->empty();
    const bool ok = raw.text && (empty ? empty_ok : raw.text->starts_with("https://") && raw.text->size() > 8);
    if (!ok) return expected(raw, "an https:// URL");
    (config.*section).*field = *raw.text;
    return Ok{};
  };
}

// The URL is never repeated in errors: a postgresql:// one may carry a password.
Status set_database_url(Config& config, const Raw& raw) {
  constexpr std::string_view what = "\"sqlite:PATH\" or \"postgresql://...\"";
  if (!raw.text) return expected(raw, what);
  const std::string& url = *raw.text;
  bool sqlite = url.starts_with(kSqlite) && url.size() > kSqlite.size();
  bool postgresql = url.starts_with(kPostgresql) && url.size() > kPostgresql.size();
  if (!sqlite && !postgresql) {
    return config_error(raw.name,
                        "expected " + std::string(what) + " (the value is not shown: it may hold a password)");
  }
  config.database.url = resolve_url(url, raw.base);
  return Ok{};
}

struct Setting {
  std::string_view section;
  std::string_view key;
  Setter set;
};

// Every setting, one row each: adding a key is adding a row (and a line in config/sportello.example.toml).
std::vector<Setting> settings() {
  using C = Config;
  return {
      {"database", "url", set_database_url},                                                   // SOCI connect string
      {"reference", "data_dir", path(&C::reference, &C::Reference::data_dir)},                // SPEC §2 Belfiore
      {"pin", "personal_length", integer(&C::pin, &C::Pin::personal_length, 8, 64)},          // SPEC §3: 8
      {"pin", "history", integer(&C::pin, &C::Pin::history, 0, 24)},                         // SPEC §3: last 5
      {"pin", "rotation_months", integer(&C::pin, &C::Pin::rotation_months, 1, 24)},          // SPEC §3: 3 months
      {"pin", "activation_window", duration(&C::pin, &C::Pin::activation_window)},            // SPEC §3: 90 days
      {"lockout", "step", duration(&C::lockout, &C::Lockout::step)},                          // SPEC §3: 3 minutes
      {"lockout", "reset_after", duration(&C::lockout, &C::Lockout::reset_after)},            // SPEC §3: 24 hours
      {"lockout", "purge_every", duration(&C::lockout, &C::Lockout::purge_every)},
      {"request", "confirmation_window", duration(&C::request, &C::Request::confirmation_window)},  // §4.1: 48 h
      {"recovery", "link_lifetime", duration(&C::recovery, &C::Recovery::link_lifetime)},     // SPEC §4.5
      {"recovery", "contacts_required", integer(&C::recovery, &C::Recovery::contacts_required, 1, 4)},  // §4.5: 2
      {"contacts", "code_lifetime", duration(&C::contacts, &C::ContactChanges::code_lifetime)},  // SPEC §2
      {"session", "idle_timeout", duration(&C::session, &C::Session::idle_timeout)},          // SPEC §9
      {"session", "absolute_timeout", duration(&C::session, &C::Session::absolute_timeout)},  // SPEC §9
      {"session", "read_cache_ttl", duration_or_off(&C::session, &C::Session::read_cache_ttl)},      // issue 3
      {"argon2", "memory_kib", integer(&C::argon2, &C::Argon2::memory_kib, 8192, 4194304)},   // SPEC §3
      {"argon2", "iterations", integer(&C::argon2, &C::Argon2::iterations, 1, 10)},           // SPEC §3
      {"argon2", "parallelism", integer(&C::argon2, &C::Argon2::parallelism, 1, 1)},  // SPEC §3; decision 0022
      {"dispositivo", "max_upload_bytes",
       integer(&C::dispositivo, &C::Dispositivo::max_upload_bytes, 1024, 64 * 1024 * 1024)},  // SPEC §4.7: 1 MB
      {"applications", "protocol_office", digits_code(&C::applications, &C::Applications::protocol_office, 4)},  // §5
      {"applications", "max_attachment_bytes",
       integer(&C::applications, &C::Applications::max_attachment_bytes, 1024, 64 * 1024 * 1024)},  // issue 10: 5 MB
      {"outbox", "key_file", path(&C::outbox, &C::Outbox::key_file)},                         // SPEC §8
      {"audit", "key_file", path(&C::audit, &C::Audit::key_file)},                             // SPEC §9, issue 15
      {"audit", "signing_key_file", path(&C::audit, &C::Audit::signing_key_file)},
      {"audit", "checkpoint_file", path(&C::audit, &C::Audit::checkpoint_file)},
      {"audit", "checkpoint_every", duration(&C::audit, &C::Audit::checkpoint_every)},
      {"server", "listen", text(&C::server, &C::Server::listen)},                              // issue 3
      {"server", "max_connections", integer(&C::server, &C::Server::max_connections, 1, 1000000)},
      {"server", "max_connections_per_address",
       integer(&C::server, &C::Server::max_connections_per_address, 1, 1000000)},                  // issue 15
      {"server", "read_timeout", duration(&C::server, &C::Server::read_timeout)},
      {"server", "keep_alive_timeout", duration(&C::server, &C::Server::keep_alive_timeout)},
      {"server", "header_timeout",
       duration_in(&C::server, &C::Server::header_timeout, seconds{1}, std::chrono::minutes{5}, "from 1s to 5m")},
      {"server", "body_limit", integer(&C::server, &C::Server::body_limit, 1024, 64 * 1024 * 1024)},
      {"server", "worker_queue", integer(&C::server, &C::Server::worker_queue, 1, 100000)},
      {"server", "io_threads", integer(&C::server, &C::Server::io_threads, 0, 256)},  // issue 16, decision 0023
      {"server", "throttle_per_minute", integer(&C::server, &C::Server::throttle_per_minute, 1, 1000000)},
      {"server", "throttle_burst", integer(&C::server, &C::Server::throttle_burst, 1, 1000000)},
      {"server", "tls_certificate", optional_path(&C::server, &C::Server::tls_certificate)},
      {"server", "tls_key", optional_path(&C::server, &C::Server::tls_key)},
      {"server", "metrics_token", bearer_token(&C::server, &C::Server::metrics_token)},         // issue 15
      {"courier", "run_in_server", integer(&C::courier, &C::Courier::run_in_server, 0, 1)},       // issue 4
      {"courier", "poll_interval", duration(&C::courier, &C::Courier::poll_interval)},
      {"courier", "batch_size", integer(&C::courier, &C::Courier::batch_size, 1, 1000)},
      {"courier", "lease", duration(&C::courier, &C::Courier::lease)},
      {"courier", "max_attempts", integer(&C::courier, &C::Courier::max_attempts, 1, 100)},
      {"courier", "backoff_base", duration(&C::courier, &C::Courier::backoff_base)},
      {"courier", "backoff_max", duration(&C::courier, &C::Courier::backoff_max)},
      {"courier", "message_id_domain", text(&C::courier, &C::Courier::message_id_domain)},
      {"courier", "site", text(&C::courier, &C::Courier::site)},
      {"courier", "language", one_of(&C::courier, &C::Courier::language, {"it", "en"})},
      {"email", "url", mail_url(&C::email)},
      {"email", "tls", one_of(&C::email, &C::Mail::tls, {"none", "starttls-if-offered", "starttls"})},
      {"email", "username", text(&C::email, &C::Mail::username)},
      {"email", "password", secret_text(&C::email, &C::Mail::password)},
      {"email", "from_address", text(&C::email, &C::Mail::from_address)},
      {"email", "from_name", text(&C::email, &C::Mail::from_name)},
      {"email", "timeout", duration(&C::email, &C::Mail::timeout)},
      {"pec", "url", mail_url(&C::pec, true)},
      {"pec", "tls", one_of(&C::pec, &C::Mail::tls, {"none", "starttls-if-offered", "starttls"})},
      {"pec", "username", text(&C::pec, &C::Mail::username)},
      {"pec", "password", secret_text(&C::pec, &C::Mail::password)},
      {"pec", "from_address", text(&C::pec, &C::Mail::from_address)},
      {"pec", "from_name", text(&C::pec, &C::Mail::from_name)},
      {"pec", "timeout", duration(&C::pec, &C::Mail::timeout)},
      {"sms", "url", http_url(&C::sms, &C::Sms::url)},
      {"sms", "token", secret_text(&C::sms, &C::Sms::token)},
      {"sms", "sender", text(&C::sms, &C::Sms::sender)},
      {"sms", "timeout", duration(&C::sms, &C::Sms::timeout)},
      {"letters", "spool_dir", path(&C::letters, &C::Letters::spool_dir)},
      {"letters", "batch_every", duration(&C::letters, &C::Letters::batch_every)},
      {"letters", "max_per_batch", integer(&C::letters, &C::Letters::max_per_batch, 1, 100000)},
      {"limits", "address_per_hour", integer(&C::limits, &C::Limits::address_per_hour, 1, 1000000)},  // issue 15
      {"limits", "address_burst", integer(&C::limits, &C::Limits::address_burst, 1, 1000000)},
      {"limits", "requests_per_code", integer(&C::limits, &C::Limits::requests_per_code, 1, 1000)},
      {"limits", "recoveries_per_code", integer(&C::limits, &C::Limits::recoveries_per_code, 1, 1000)},
      {"limits", "code_window", duration(&C::limits, &C::Limits::code_window)},
      {"limits", "renewals_per_code", integer(&C::limits, &C::Limits::renewals_per_code, 1, 1000)},
      {"limits", "letters_per_holder", integer(&C::limits, &C::Limits::letters_per_holder, 1, 1000)},
      {"limits", "letters_window", duration(&C::limits, &C::Limits::letters_window)},
      {"web", "assets_dir", path(&C::web, &C::Web::assets_dir)},                               // issue 5
      {"credentials", "citizen_pin", one_of(&C::credentials, &C::Credentials::citizen_pin, {"enabled", "retired"})},
      {"federation", "entity_id", https_url(&C::federation, &C::Federation::entity_id, true)},    // issue 12
      {"federation", "public_url", https_url(&C::federation, &C::Federation::public_url, true)},
      {"federation", "key_file", optional_path(&C::federation, &C::Federation::key_file)},
      {"federation", "certificate_file", optional_path(&C::federation, &C::Federation::certificate_file)},
      {"federation", "idp_metadata_dir", optional_path(&C::federation, &C::Federation::idp_metadata_dir)},
      {"federation", "cie_entity_id", text(&C::federation, &C::Federation::cie_entity_id)},
      {"federation", "organization_name", text(&C::federation, &C::Federation::organization_name)},
      {"federation", "organization_display_name", text(&C::federation, &C::Federation::organization_display_name)},
      {"federation", "organization_url", https_url(&C::federation, &C::Federation::organization_url, true)},
      {"federation", "ipa_code", text(&C::federation, &C::Federation::ipa_code)},
      {"federation", "contact_email", text(&C::federation, &C::Federation::contact_email)},
      {"federation", "contact_phone", text(&C::federation, &C::Federation::contact_phone)},
      {"federation", "municipality", text(&C::federation, &C::Federation::municipality)},
      {"federation", "province", text(&C::federation, &C::Federation::province)},
      {"federation", "level", integer(&C::federation, &C::Federation::level, 1, 3)},
      {"federation", "binding", one_of(&C::federation, &C::Federation::binding, {"redirect", "post"})},
      {"federation", "request_lifetime",
       duration_in(&C::federation, &C::Federation::request_lifetime, seconds{60}, std::chrono::hours{1}, "from 1m to 1h")},
      {"federation", "clock_skew",
       duration_in(&C::federation, &C::Federation::clock_skew, seconds{0}, std::chrono::minutes{10}, "from 0s to 10m")},
      {"cns", "listen", text(&C::cns, &C::Cns::listen)},                                      // issue 12
      {"cns", "public_url", https_url(&C::cns, &C::Cns::public_url, true)},
      {"cns", "ca_file", optional_path(&C::cns, &C::Cns::ca_file)},
      {"cns", "crl_file", optional_path(&C::cns, &C::Cns::crl_file)},
      {"staff", "totp_window_steps", integer(&C::staff, &C::Staff::totp_window_steps, 0, 3)},  // SPEC §1
      {"staff", "password_min_length", integer(&C::staff, &C::Staff::password_min_length, 8, 128)},  // SPEC §1
      {"staff", "lockout_free", integer(&C::staff, &C::Staff::lockout_free, 0, 10)},              // issue 15
      {"staff", "lockout_step", duration(&C::staff, &C::Staff::lockout_step)},
      {"staff", "lockout_limit", integer(&C::staff, &C::Staff::lockout_limit, 3, 100)},
  };
}

const Setting* find(const std::vector<Setting>& table, std::string_view section, std::string_view key) {
  for (const Setting& s : table) {
    if (s.section == section && s.key == key) return &s;
  }
  return nullptr;
}

bool has_section(const std::vector<Setting>& table, std::string_view section) {
  for (const Setting& s : table) {
    if (s.section == section) return true;
  }
  return false;
}

// "database, reference, pin, ..." or, given a section, its keys: for messages that list what would be valid.
// Relies on settings() keeping each section's rows together.
std::string known(const std::vector<Setting>& table, std::string_view section = {}) {
  std::string list;
  std::string_view previous;
  for (const Setting& s : table) {
    if (!section.empty() && s.section != section) continue;
    std::string_view word = section.empty() ? s.section : s.key;
    if (word == previous) continue;
    previous = word;
    list += (list.empty() ? "" : ", ") + std::string(word);
  }
  return list;
}

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::none: break;
  }
  return "nothing";
}

Raw raw_from_node(std::string name, const toml::node& node, const fs::path& base) {
  Raw raw{std::move(name), {}, {}, type_name(node), false, base};
  if (const auto* s = node.as_string()) raw.text = s->get();
  if (const auto* i = node.as_integer()) raw.integer = i->get();
  return raw;
}

Status apply_section(Config& config, std::string_view section, const toml::node& node, const fs::path& base,
                     const std::vector<Setting>& table) {
  const toml::table* keys = node.as_table();
  if (!keys) return config_error(section, "expected a section [" + std::string(section) + "], got " + type_name(node));
  for (const auto& [key, value] : *keys) {
    std::string name = std::string(section) + "." + std::string(key.str());
    const Setting* setting = find(table, section, key.str());
    if (!setting) return config_error(name, "unknown key; [" + std::string(section) + "] has " + known(table, section));
    if (Status s = setting->set(config, raw_from_node(name, value, base)); !s) return s;
  }
  return Ok{};
}

Status apply_file(Config& config, const toml::table& root, const fs::path& base, const std::vector<Setting>& table) {
  for (const auto& [section, node] : root) {
    if (!has_section(table, section.str())) {
      return config_error(section.str(), "unknown section; known sections are " + known(table));
    }
    if (Status s = apply_section(config, section.str(), node, base, table); !s) return s;
  }
  return Ok{};
}

Error toml_error(const toml::parse_error& e, const std::string& source) {
  const auto& at = e.source().begin;
  return Error::invalid("invalid-config", source + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                                              ": " + std::string(e.description()),
                        source);
}

Result<toml::table> read_toml(const fs::path& file) {
  std::error_code ec;
  bool exists = fs::exists(file, ec);
  if (ec) return Error::unavailable("cannot read configuration file " + file.string() + ": " + ec.message());
  if (!exists) {
    return Error{ErrorKind::not_found, "config-not-found", "configuration file " + file.string() + " does not exist",
                 file.string(), {}};
  }
#if TOML_EXCEPTIONS
  try {
    return toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return toml_error(e, file.string());
  }
#else
  toml::parse_result parsed = toml::parse_file(file.string());
  if (!parsed) return toml_error(parsed.error(), file.string());
  return std::move(parsed).table();
#endif
}

Result<toml::table> parse_toml(std::string_view text, const std::string& source) {
#if TOML_EXCEPTIONS
  try {
    return toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    return toml_error(e, source);
  }
#else
  toml::parse_result parsed = toml::parse(text, std::string_view(source));
  if (!parsed) return toml_error(parsed.error(), source);
  return std::move(parsed).table();
#endif
}

// "SPORTELLO_PIN_ROTATION_MONTHS" -> {"pin", "rotation_months"} when PIN is a known section; nothing otherwise
// (SPORTELLO_DATA_DIR, SPORTELLO_CONFIG and the like belong to other readers).
std::optional<std::pair<std::string, std::string>> env_target(std::string_view name,
                                                              const std::vector<Setting>& table) {
  if (!name.starts_with(kEnvPrefix)) return std::nullopt;
  std::string rest(name.substr(kEnvPrefix.size()));
  for (char& c : rest) {
    if (c >= 'a' && c <= 'z') return std::nullopt;  // names are upper case; anything else is not ours
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::size_t cut = rest.find('_');
  if (cut == std::string::npos || !has_section(table, std::string_view(rest).substr(0, cut))) return std::nullopt;
  return std::pair{rest.substr(0, cut), rest.substr(cut + 1)};
}

Status apply_environment(Config& config, const std::map<std::string, std::string>& env, const fs::path& cwd,
                         const std::vector<Setting>& table) {
  for (const auto& [name, value] : env) {
    auto target = env_target(name, table);
    if (!target) continue;
    const Setting* setting = find(table, target->first, target->second);
    if (!setting) {
      return config_error(name, "unknown setting; [" + target->first + "] has " + known(table, target->first));
    }
    Raw raw{name, value, {}, "a string", true, cwd};
    if (Status s = setting->set(config, raw); !s) return s;
  }
  return Ok{};
}

// [federation] is off without an entity_id; with one, everything the metadata and the logins need.
Status check_federation(const Config::Federation& f) {
  if (f.entity_id.empty()) return Ok{};
  const std::string_view host_and_path = std::string_view(f.entity_id).substr(8);
  const auto host = host_and_path.substr(0, host_and_path.find('/'));
  if (host.find(':') != std::string_view::npos || f.entity_id.find('?') != std::string::npos)
    return config_error("federation.entity_id", "must have neither a port nor a query (SPID's rules)");
  const std::pair<const char*, bool> required[] = {
      {"public_url", f.public_url.empty()},           {"key_file", f.key_file.empty()},
      {"certificate_file", f.certificate_file.empty()}, {"idp_metadata_dir", f.idp_metadata_dir.empty()},
      {"organization_name", f.organization_name.empty()}, {"organization_display_name", f.organization_display_name.empty()},
      {"organization_url", f.organization_url.empty()}, {"ipa_code", f.ipa_code.empty()},
      {"contact_email", f.contact_email.empty()}};
  for (const auto& [key, missing] : required)
    if (missing) return config_error(std::string("federation.") + key, "is required when federation.entity_id is set");
  if (f.public_url.ends_with('/')) return config_error("federation.public_url", "must not end with '/'");
  if (!f.contact_phone.empty() &&
      (!f.contact_phone.starts_with("+39") || f.contact_phone.find(' ') != std::string::npos))
    return config_error("federation.contact_phone", "must start with +39 and have no spaces (SPID's rules)");
  if (!f.cie_entity_id.empty() && f.municipality.empty())
    return config_error("federation.municipality", "is required when federation.cie_entity_id is set (CIE's metadata)");
  return Ok{};
}

// [cns] is off without a listen address; with one, a TLS listener of its own on the server's certificate, the
// address people reach it at, and the CAs and CRLs cards are checked against.
Status check_cns(const Config& config) {
  const Config::Cns& c = config.cns;
  if (c.listen.empty()) return Ok{};
  const std::pair<const char*, bool> required[] = {{"cns.public_url", c.public_url.empty()},
                                                   {"cns.ca_file", c.ca_file.empty()},
                                                   {"cns.crl_file", c.crl_file.empty()},
                                                   {"server.tls_certificate", config.server.tls_certificate.empty()},
                                                   {"server.tls_key", config.server.tls_key.empty()}};
  for (const auto& [key, missing] : required)
    if (missing) return config_error(key, "is required when cns.listen is set");
  if (c.listen.find(':') == std::string::npos) return config_error("cns.listen", "is HOST:PORT");
  if (c.listen == config.server.listen) return config_error("cns.listen", "must be another address than server.listen");
  if (c.public_url.ends_with('/')) return config_error("cns.public_url", "must not end with '/'");
  return Ok{};
}

// Rules that tie two settings together; each key alone is already within its range.
Status check_consistency(const Config& config) {
  if (Status federation = check_federation(config.federation); !federation) return federation;
  if (Status cns = check_cns(config); !cns) return cns;
  if (config.session.idle_timeout > config.session.absolute_timeout) {
    return config_error("session.idle_timeout", "must not exceed session.absolute_timeout");
  }
  // Each key has one purpose, and the checkpoint file is appended to: one file for two of them would destroy
  // a key or sign with the wrong one.
  const std::pair<const char*, const fs::path*> files[] = {{"outbox.key_file", &config.outbox.key_file},
                                                           {"audit.key_file", &config.audit.key_file},
                                                           {"audit.signing_key_file", &config.audit.signing_key_file},
                                                           {"audit.checkpoint_file", &config.audit.checkpoint_file}};
  for (std::size_t i = 1; i < std::size(files); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (*files[i].second == *files[j].second) {
        return config_error(files[i].first, std::string("must name another file than ") + files[j].first + " (" +
                                                files[j].second->string() + ")");
      }
    }
  }
  return Ok{};
}

// The defaults, then `root` (when given; its relative paths resolved against `base`), then `env`.
Result<Config> configure(const toml::table* root, const fs::path& base, const std::map<std::string, std::string>& env) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return Error::unavailable("cannot read the current directory: " + ec.message());
  const std::vector<Setting> table = settings();
  Config config;
  config.reference.data_dir = resolve(config.reference.data_dir, cwd);
  config.outbox.key_file = resolve(config.outbox.key_file, cwd);
  config.audit.key_file = resolve(config.audit.key_file, cwd);
  config.audit.signing_key_file = resolve(config.audit.signing_key_file, cwd);
  config.audit.checkpoint_file = resolve(config.audit.checkpoint_file, cwd);
  config.letters.spool_dir = resolve(config.letters.spool_dir, cwd);
  config.database.url = resolve_url(config.database.url, cwd);
  if (root) {
    Status s = apply_file(config, *root, base, table);
    if (!s) return s.error();
  }
  if (Status s = apply_environment(config, env, cwd, table); !s) return s.error();
  if (Status s = check_consistency(config); !s) return s.error();
  return config;
}

Result<Config> load_config(const fs::path& file, const std::map<std::string, std::string>& env) {
  if (file.empty()) return configure(nullptr, {}, env);
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return Error::unavailable("cannot read the current directory: " + ec.message());
  Result<toml::table> root = read_toml(file);
  if (!root) return root.error();
  return configure(&*root, (cwd / file).lexically_normal().parent_path(), env);
}

}  // namespace

Result<Config> Config::load(const fs::path& file, const std::map<std::string, std::string>& env) {
  try {
    return load_config(file, env);
  } catch (const std::exception& e) {  // only allocation or filesystem failures can get here
    return Error::unavailable(std::string("cannot load the configuration: ") + e.what());
  }
}

Result<Config> Config::from_toml(std::string_view text, const fs::path& base,
                                 const std::map<std::string, std::string>& env) {
  try {
    Result<toml::table> root = parse_toml(text, "configuration text");
    if (!root) return root.error();
    return configure(&*root, base, env);
  } catch (const std::exception& e) {  // only allocation or filesystem failures can get here
    return Error::unavailable(std::string("cannot load the configuration: ") + e.what());
  }
}

std::map<std::string, std::string> Config::process_environment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view line(*entry);
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos || !line.starts_with(kEnvPrefix)) continue;
    env.emplace(line.substr(0, eq), line.substr(eq + 1));
  }
  return env;
}

Result<seconds> parse_duration(std::string_view text, std::string_view key) {
  const std::string got = ", got \"" + std::string(text) + "\"";
  if (text.starts_with('-') && sum_duration(text.substr(1))) {
    return config_error(key, "expected a duration greater than zero" + got);
  }
  std::optional<std::int64_t> total = sum_duration(text);
  if (!total) return config_error(key, "expected a duration like \"3m\"" + got);
  if (*total == 0) return config_error(key, "expected a duration greater than zero" + got);
  if (*total > kMaxDuration.count()) return config_error(key, "expected a duration of at most 3650d" + got);
  return seconds{*total};
}

}  // namespace sportello
