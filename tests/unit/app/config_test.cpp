// Config: the defaults, a TOML file, SPORTELLO_* environment overrides, and every way a setting can be wrong.
// Cases are rows: {TOML text or no file, environment, key and expected value} or {..., expected error}.
#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

#include "support/temp_dir.h"

namespace sportello {
namespace {

namespace fs = std::filesystem;
using Env = std::map<std::string, std::string>;
using TempDir = sportello::testing::TempDir;
constexpr std::nullopt_t kNoFile = std::nullopt;

// Every setting as text keyed "section.key": durations in seconds, paths as strings.
std::map<std::string, std::string> flatten(const Config& c) {
  auto n = [](auto value) { return std::to_string(value); };
  auto s = [](std::chrono::seconds value) { return std::to_string(value.count()); };
  return {
      {"database.url", c.database.url},
      {"reference.data_dir", c.reference.data_dir.string()},
      {"pin.personal_length", n(c.pin.personal_length)},
      {"pin.history", n(c.pin.history)},
      {"pin.rotation_months", n(c.pin.rotation_months)},
      {"pin.activation_window", s(c.pin.activation_window)},
      {"lockout.step", s(c.lockout.step)},
      {"lockout.reset_after", s(c.lockout.reset_after)},
      {"lockout.purge_every", s(c.lockout.purge_every)},
      {"request.confirmation_window", s(c.request.confirmation_window)},
      {"recovery.link_lifetime", s(c.recovery.link_lifetime)},
      {"recovery.contacts_required", n(c.recovery.contacts_required)},
      {"contacts.code_lifetime", s(c.contacts.code_lifetime)},
      {"session.idle_timeout", s(c.session.idle_timeout)},
      {"session.absolute_timeout", s(c.session.absolute_timeout)},
      {"session.read_cache_ttl", s(c.session.read_cache_ttl)},
      {"argon2.memory_kib", n(c.argon2.memory_kib)},
      {"argon2.iterations", n(c.argon2.iterations)},
      {"argon2.parallelism", n(c.argon2.parallelism)},
      {"dispositivo.max_upload_bytes", n(c.dispositivo.max_upload_bytes)},
      {"applications.protocol_office", c.applications.protocol_office},
      {"applications.max_attachment_bytes", n(c.applications.max_attachment_bytes)},
      {"outbox.key_file", c.outbox.key_file.string()},
      {"audit.key_file", c.audit.key_file.string()},
      {"audit.signing_key_file", c.audit.signing_key_file.string()},
      {"audit.checkpoint_file", c.audit.checkpoint_file.string()},
      {"audit.checkpoint_every", s(c.audit.checkpoint_every)},
      {"server.listen", c.server.listen},
      {"server.max_connections", n(c.server.max_connections)},
      {"server.max_connections_per_address", n(c.server.max_connections_per_address)},
      {"server.read_timeout", s(c.server.read_timeout)},
      {"server.keep_alive_timeout", s(c.server.keep_alive_timeout)},
      {"server.header_timeout", s(c.server.header_timeout)},
      {"server.body_limit", n(c.server.body_limit)},
      {"server.worker_queue", n(c.server.worker_queue)},
      {"server.io_threads", n(c.server.io_threads)},
      {"server.throttle_per_minute", n(c.server.throttle_per_minute)},
      {"server.throttle_burst", n(c.server.throttle_burst)},
      {"server.tls_certificate", c.server.tls_certificate.string()},
      {"server.tls_key", c.server.tls_key.string()},
      {"server.metrics_token", c.server.metrics_token},
      {"courier.run_in_server", n(c.courier.run_in_server)},
      {"courier.poll_interval", s(c.courier.poll_interval)},
      {"courier.batch_size", n(c.courier.batch_size)},
      {"courier.lease", s(c.courier.lease)},
      {"courier.max_attempts", n(c.courier.max_attempts)},
      {"courier.backoff_base", s(c.courier.backoff_base)},
      {"courier.backoff_max", s(c.courier.backoff_max)},
      {"courier.message_id_domain", c.courier.message_id_domain},
      {"courier.site", c.courier.site},
      {"courier.language", c.courier.language},
      {"email.url", c.email.url},
      {"email.tls", c.email.tls},
      {"email.username", c.email.username},
      {"email.password", c.email.password},
      {"email.from_address", c.email.from_address},
      {"email.from_name", c.email.from_name},
      {"email.timeout", s(c.email.timeout)},
      {"pec.url", c.pec.url},
      {"pec.tls", c.pec.tls},
      {"pec.username", c.pec.username},
      {"pec.password", c.pec.password},
      {"pec.from_address", c.pec.from_address},
      {"pec.from_name", c.pec.from_name},
      {"pec.timeout", s(c.pec.timeout)},
      {"sms.url", c.sms.url},
      {"sms.token", c.sms.token},
      {"sms.sender", c.sms.sender},
      {"sms.timeout", s(c.sms.timeout)},
      {"letters.spool_dir", c.letters.spool_dir.string()},
      {"letters.batch_every", s(c.letters.batch_every)},
      {"letters.max_per_batch", n(c.letters.max_per_batch)},
      {"limits.address_per_hour", n(c.limits.address_per_hour)},
      {"limits.address_burst", n(c.limits.address_burst)},
      {"limits.requests_per_code", n(c.limits.requests_per_code)},
      {"limits.recoveries_per_code", n(c.limits.recoveries_per_code)},
      {"limits.code_window", s(c.limits.code_window)},
      {"limits.renewals_per_code", n(c.limits.renewals_per_code)},
      {"limits.letters_per_holder", n(c.limits.letters_per_holder)},
      {"limits.letters_window", s(c.limits.letters_window)},
      {"web.assets_dir", c.web.assets_dir.string()},
      {"credentials.citizen_pin", c.credentials.citizen_pin},
      {"federation.entity_id", c.federation.entity_id},
      {"federation.public_url", c.federation.public_url},
      {"federation.key_file", c.federation.key_file.string()},
      {"federation.certificate_file", c.federation.certificate_file.string()},
      {"federation.idp_metadata_dir", c.federation.idp_metadata_dir.string()},
      {"federation.cie_entity_id", c.federation.cie_entity_id},
      {"federation.organization_name", c.federation.organization_name},
      {"federation.organization_display_name", c.federation.organization_display_name},
      {"federation.organization_url", c.federation.organization_url},
      {"federation.ipa_code", c.federation.ipa_code},
      {"federation.contact_email", c.federation.contact_email},
      {"federation.contact_phone", c.federation.contact_phone},
      {"federation.municipality", c.federation.municipality},
      {"federation.province", c.federation.province},
      {"federation.level", n(c.federation.level)},
      {"federation.binding", c.federation.binding},
      {"federation.request_lifetime", s(c.federation.request_lifetime)},
      {"federation.clock_skew", s(c.federation.clock_skew)},
      {"cns.listen", c.cns.listen},
      {"cns.public_url", c.cns.public_url},
      {"cns.ca_file", c.cns.ca_file.string()},
      {"cns.crl_file", c.cns.crl_file.string()},
      {"staff.totp_window_steps", n(c.staff.totp_window_steps)},
      {"staff.password_min_length", n(c.staff.password_min_length)},
      {"staff.lockout_free", n(c.staff.lockout_free)},
      {"staff.lockout_step", s(c.staff.lockout_step)},
      {"staff.lockout_limit", n(c.staff.lockout_limit)},
  };
}

// Replaces {dir} (the config file's folder), {parent} (its parent), {cwd} and {default_data_dir}.
std::string expand(std::string text, const fs::path& dir) {
  const std::pair<std::string, std::string> marks[] = {
      {"{dir}", dir.string()},
      {"{parent}", dir.parent_path().string()},
      {"{cwd}", fs::current_path().string()},
      {"{default_data_dir}", SPORTELLO_DEFAULT_DATA_DIR},
  };
  for (const auto& [mark, value] : marks) {
    for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size())) {
      text.replace(at, mark.size(), value);
    }
  }
  return text;
}

// Writes `toml` (when there is one) as sportello.toml in `dir` and loads it with `env`.
Result<Config> load_in(const TempDir& dir, const std::optional<std::string>& toml, const Env& env) {
  if (!toml) return Config::load({}, env);
  fs::path file = dir / "sportello.toml";
  std::ofstream(file) << *toml;
  return Config::load(file, env);
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// ---- values -------------------------------------------------------------------------------------------------

struct ValueCase {
  std::string name;
  std::optional<std::string> toml;
  Env env;
  std::string key;
  std::string value;  // may hold {dir}, {parent}, {cwd}, {default_data_dir}
};
void PrintTo(const ValueCase& c, std::ostream* os) { *os << c.name; }

class ConfigValue : public ::testing::TestWithParam<ValueCase> {};

TEST_P(ConfigValue, LoadsAsExpected) {
  const ValueCase& row = GetParam();
  TempDir dir;
  Result<Config> config = load_in(dir, row.toml, row.env);
  ASSERT_TRUE(config.ok()) << config.error().message;
  auto values = flatten(*config);
  ASSERT_TRUE(values.contains(row.key)) << row.key;
  EXPECT_EQ(values[row.key], expand(row.value, dir.path()));
}

const ValueCase kDefaults[] = {
    {"database_url", kNoFile, {}, "database.url", "sqlite:{cwd}/var/sportello.db"},
    {"data_dir", kNoFile, {}, "reference.data_dir", "{default_data_dir}"},
    {"personal_length", kNoFile, {}, "pin.personal_length", "8"},
    {"history", kNoFile, {}, "pin.history", "5"},
    {"rotation_months", kNoFile, {}, "pin.rotation_months", "3"},
    {"activation_window", kNoFile, {}, "pin.activation_window", "7776000"},
    {"lockout_step", kNoFile, {}, "lockout.step", "180"},
    {"lockout_reset_after", kNoFile, {}, "lockout.reset_after", "86400"},
    {"lockout_purge_every", kNoFile, {}, "lockout.purge_every", "60"},
    {"confirmation_window", kNoFile, {}, "request.confirmation_window", "172800"},
    {"link_lifetime", kNoFile, {}, "recovery.link_lifetime", "1800"},
    {"contacts_required", kNoFile, {}, "recovery.contacts_required", "2"},
    {"code_lifetime", kNoFile, {}, "contacts.code_lifetime", "900"},
    {"idle_timeout", kNoFile, {}, "session.idle_timeout", "900"},
    {"absolute_timeout", kNoFile, {}, "session.absolute_timeout", "28800"},
    {"memory_kib", kNoFile, {}, "argon2.memory_kib", "19456"},
    {"iterations", kNoFile, {}, "argon2.iterations", "2"},
    {"parallelism", kNoFile, {}, "argon2.parallelism", "1"},
    {"max_upload_bytes", kNoFile, {}, "dispositivo.max_upload_bytes", "1048576"},
    {"key_file", kNoFile, {}, "outbox.key_file", "{cwd}/var/outbox.key"},
    {"audit_key_file", kNoFile, {}, "audit.key_file", "{cwd}/var/audit.key"},
    {"audit_signing_key_file", kNoFile, {}, "audit.signing_key_file", "{cwd}/var/audit-signing.key"},
    {"audit_checkpoint_file", kNoFile, {}, "audit.checkpoint_file", "{cwd}/var/audit-checkpoints.log"},
    {"audit_checkpoint_every", kNoFile, {}, "audit.checkpoint_every", "300"},
    {"totp_window_steps", kNoFile, {}, "staff.totp_window_steps", "1"},
    {"password_min_length", kNoFile, {}, "staff.password_min_length", "12"},
    {"staff_lockout_free", kNoFile, {}, "staff.lockout_free", "3"},
    {"staff_lockout_step", kNoFile, {}, "staff.lockout_step", "60"},
    {"staff_lockout_limit", kNoFile, {}, "staff.lockout_limit", "10"},
    {"metrics_token_off", kNoFile, {}, "server.metrics_token", ""},
    {"limits_address_per_hour", kNoFile, {}, "limits.address_per_hour", "30"},
    {"limits_address_burst", kNoFile, {}, "limits.address_burst", "10"},
    {"limits_requests_per_code", kNoFile, {}, "limits.requests_per_code", "3"},
    {"limits_recoveries_per_code", kNoFile, {}, "limits.recoveries_per_code", "3"},
    {"limits_code_window", kNoFile, {}, "limits.code_window", "86400"},
    {"limits_renewals_per_code", kNoFile, {}, "limits.renewals_per_code", "3"},
    {"limits_letters_per_holder", kNoFile, {}, "limits.letters_per_holder", "3"},
    {"limits_letters_window", kNoFile, {}, "limits.letters_window", "2592000"},
    {"max_connections_per_address", kNoFile, {}, "server.max_connections_per_address", "256"},
    {"header_timeout", kNoFile, {}, "server.header_timeout", "10"},
    {"io_threads", kNoFile, {}, "server.io_threads", "0"},
    {"empty_file_keeps_defaults", "", {}, "lockout.step", "180"},
    {"empty_sections_keep_defaults", "[pin]\n[lockout]\n", {}, "pin.history", "5"},
};
INSTANTIATE_TEST_SUITE_P(Defaults, ConfigValue, ::testing::ValuesIn(kDefaults),
                         [](const auto& info) { return info.param.name; });

const ValueCase kFromFile[] = {
    {"database_url_postgresql", "[database]\nurl = \"postgresql://sportello@db/sportello\"", {}, "database.url",
     "postgresql://sportello@db/sportello"},
    {"database_url_sqlite_relative", "[database]\nurl = \"sqlite:db/s.db\"", {}, "database.url",
     "sqlite:{dir}/db/s.db"},
    {"database_url_sqlite_dotdot", "[database]\nurl = \"sqlite:../db/s.db\"", {}, "database.url",
     "sqlite:{parent}/db/s.db"},
    {"database_url_sqlite_absolute", "[database]\nurl = \"sqlite:/srv/s.db\"", {}, "database.url", "sqlite:/srv/s.db"},
    {"database_url_sqlite_memory", "[database]\nurl = \"sqlite::memory:\"", {}, "database.url", "sqlite::memory:"},
    {"data_dir_relative", "[reference]\ndata_dir = \"tables\"", {}, "reference.data_dir", "{dir}/tables"},
    {"data_dir_absolute", "[reference]\ndata_dir = \"/srv/tables\"", {}, "reference.data_dir", "/srv/tables"},
    {"personal_length", "[pin]\npersonal_length = 12", {}, "pin.personal_length", "12"},
    {"history", "[pin]\nhistory = 0", {}, "pin.history", "0"},
    {"history_upper_bound", "[pin]\nhistory = 24", {}, "pin.history", "24"},
    {"rotation_months", "[pin]\nrotation_months = 6", {}, "pin.rotation_months", "6"},
    {"activation_window", "[pin]\nactivation_window = \"30d\"", {}, "pin.activation_window", "2592000"},
    {"lockout_step", "[lockout]\nstep = \"30s\"", {}, "lockout.step", "30"},
    {"lockout_step_dotted_key", "lockout.step = \"1m\"", {}, "lockout.step", "60"},
    {"confirmation_window", "[request]\nconfirmation_window = \"24h\"", {}, "request.confirmation_window", "86400"},
    {"link_lifetime", "[recovery]\nlink_lifetime = \"1h30m\"", {}, "recovery.link_lifetime", "5400"},
    {"contacts_required", "[recovery]\ncontacts_required = 3", {}, "recovery.contacts_required", "3"},
    {"code_lifetime", "[contacts]\ncode_lifetime = \"5m\"", {}, "contacts.code_lifetime", "300"},
    {"idle_timeout", "[session]\nidle_timeout = \"5m\"", {}, "session.idle_timeout", "300"},
    {"read_cache_off", "[session]\nread_cache_ttl = \"0s\"", {}, "session.read_cache_ttl", "0"},
    {"read_cache_longer", "[session]\nread_cache_ttl = \"3s\"", {}, "session.read_cache_ttl", "3"},
    {"absolute_timeout", "[session]\nabsolute_timeout = \"12h\"", {}, "session.absolute_timeout", "43200"},
    {"memory_kib", "[argon2]\nmemory_kib = 65536", {}, "argon2.memory_kib", "65536"},
    {"memory_kib_lower_bound", "[argon2]\nmemory_kib = 8192", {}, "argon2.memory_kib", "8192"},
    {"memory_kib_upper_bound", "[argon2]\nmemory_kib = 4194304", {}, "argon2.memory_kib", "4194304"},
    {"iterations", "[argon2]\niterations = 3", {}, "argon2.iterations", "3"},
    {"parallelism", "[argon2]\nparallelism = 1", {}, "argon2.parallelism", "1"},
    {"max_upload_bytes", "[dispositivo]\nmax_upload_bytes = 2097152", {}, "dispositivo.max_upload_bytes", "2097152"},
    {"max_upload_bytes_upper_bound", "[dispositivo]\nmax_upload_bytes = 67108864", {}, "dispositivo.max_upload_bytes",
     "67108864"},
    {"key_file_relative", "[outbox]\nkey_file = \"keys/outbox.key\"", {}, "outbox.key_file", "{dir}/keys/outbox.key"},
    {"key_file_dot", "[outbox]\nkey_file = \"./outbox.key\"", {}, "outbox.key_file", "{dir}/outbox.key"},
    {"key_file_absolute", "[outbox]\nkey_file = \"/etc/sportello/outbox.key\"", {}, "outbox.key_file",
     "/etc/sportello/outbox.key"},
    {"audit_key_file", "[audit]\nkey_file = \"keys/audit.key\"", {}, "audit.key_file", "{dir}/keys/audit.key"},
    {"audit_signing_key_file", "[audit]\nsigning_key_file = \"/etc/sportello/sign.key\"", {},
     "audit.signing_key_file", "/etc/sportello/sign.key"},
    {"audit_checkpoint_file", "[audit]\ncheckpoint_file = \"/mnt/witness/checkpoints.log\"", {},
     "audit.checkpoint_file", "/mnt/witness/checkpoints.log"},
    {"audit_checkpoint_every", "[audit]\ncheckpoint_every = \"1m\"", {}, "audit.checkpoint_every", "60"},
    {"totp_window_steps", "[staff]\ntotp_window_steps = 0", {}, "staff.totp_window_steps", "0"},
    {"password_min_length", "[staff]\npassword_min_length = 16", {}, "staff.password_min_length", "16"},
    {"max_connections_per_address", "[server]\nmax_connections_per_address = 16", {},
     "server.max_connections_per_address", "16"},
    {"max_connections_per_address_lower_bound", "[server]\nmax_connections_per_address = 1", {},
     "server.max_connections_per_address", "1"},
    {"header_timeout", "[server]\nheader_timeout = \"5s\"", {}, "server.header_timeout", "5"},
    {"io_threads", "[server]\nio_threads = 2", {}, "server.io_threads", "2"},
    {"header_timeout_lower_bound", "[server]\nheader_timeout = 1", {}, "server.header_timeout", "1"},
    {"header_timeout_upper_bound", "[server]\nheader_timeout = \"5m\"", {}, "server.header_timeout", "300"},
    {"duration_bare_integer_is_seconds", "[lockout]\nstep = 45", {}, "lockout.step", "45"},
    {"duration_bare_string_is_seconds", "[lockout]\nstep = \"45\"", {}, "lockout.step", "45"},
    {"duration_every_unit", "[lockout]\nstep = \"1d2h3m4s\"", {}, "lockout.step", "93784"},
    {"duration_longest", "[pin]\nactivation_window = \"3650d\"", {}, "pin.activation_window", "315360000"},
    {"other_keys_keep_defaults", "[lockout]\nstep = \"30s\"", {}, "pin.activation_window", "7776000"},
    {"limits_letters_per_holder", "[limits]\nletters_per_holder = 5", {}, "limits.letters_per_holder", "5"},
    {"limits_letters_window", "[limits]\nletters_window = \"60d\"", {}, "limits.letters_window", "5184000"},
    {"limits_recoveries_per_code", "[limits]\nrecoveries_per_code = 1", {}, "limits.recoveries_per_code", "1"},
};
INSTANTIATE_TEST_SUITE_P(File, ConfigValue, ::testing::ValuesIn(kFromFile),
                         [](const auto& info) { return info.param.name; });

const ValueCase kFromEnvironment[] = {
    {"lockout_step", kNoFile, {{"SPORTELLO_LOCKOUT_STEP", "30s"}}, "lockout.step", "30"},
    {"audit_checkpoint_every", kNoFile, {{"SPORTELLO_AUDIT_CHECKPOINT_EVERY", "10m"}}, "audit.checkpoint_every", "600"},
    {"audit_checkpoint_file", kNoFile, {{"SPORTELLO_AUDIT_CHECKPOINT_FILE", "/var/log/cp.log"}},
     "audit.checkpoint_file", "/var/log/cp.log"},
    {"wins_over_file", "[lockout]\nstep = \"5m\"", {{"SPORTELLO_LOCKOUT_STEP", "30s"}}, "lockout.step", "30"},
    {"leaves_other_file_keys", "[lockout]\nstep = \"5m\"", {{"SPORTELLO_PIN_HISTORY", "3"}}, "lockout.step", "300"},
    {"rotation_months", kNoFile, {{"SPORTELLO_PIN_ROTATION_MONTHS", "6"}}, "pin.rotation_months", "6"},
    {"memory_kib", kNoFile, {{"SPORTELLO_ARGON2_MEMORY_KIB", "65536"}}, "argon2.memory_kib", "65536"},
    {"max_upload_bytes", kNoFile, {{"SPORTELLO_DISPOSITIVO_MAX_UPLOAD_BYTES", "2048"}}, "dispositivo.max_upload_bytes",
     "2048"},
    {"max_connections_per_address", kNoFile, {{"SPORTELLO_SERVER_MAX_CONNECTIONS_PER_ADDRESS", "32"}},
     "server.max_connections_per_address", "32"},
    {"header_timeout", kNoFile, {{"SPORTELLO_SERVER_HEADER_TIMEOUT", "2s"}}, "server.header_timeout", "2"},
    {"database_url", kNoFile, {{"SPORTELLO_DATABASE_URL", "postgresql://s@db/s"}}, "database.url",
     "postgresql://s@db/s"},
    {"sqlite_url_relative_to_cwd", "[database]\nurl = \"sqlite:a.db\"", {{"SPORTELLO_DATABASE_URL", "sqlite:b.db"}},
     "database.url", "sqlite:{cwd}/b.db"},
    {"key_file_relative_to_cwd", "", {{"SPORTELLO_OUTBOX_KEY_FILE", "keys/outbox.key"}}, "outbox.key_file",
     "{cwd}/keys/outbox.key"},
    {"data_dir_relative_to_cwd", kNoFile, {{"SPORTELLO_REFERENCE_DATA_DIR", "tables"}}, "reference.data_dir",
     "{cwd}/tables"},
    {"ignores_other_sportello_variables", kNoFile,
     {{"SPORTELLO_DATA_DIR", "/elsewhere"}, {"SPORTELLO_MIGRATIONS_DIR", "/m"}, {"SPORTELLO_CONFIG", "/c.toml"}},
     "reference.data_dir", "{default_data_dir}"},
    {"ignores_lower_case_names", kNoFile, {{"SPORTELLO_lockout_step", "1s"}, {"sportello_lockout_step", "1s"}},
     "lockout.step", "180"},
    {"ignores_unrelated_variables", kNoFile, {{"LOCKOUT_STEP", "1s"}, {"HOME", "/root"}}, "lockout.step", "180"},
};
INSTANTIATE_TEST_SUITE_P(Environment, ConfigValue, ::testing::ValuesIn(kFromEnvironment),
                         [](const auto& info) { return info.param.name; });

// ---- errors -------------------------------------------------------------------------------------------------

struct ErrorCase {
  std::string name;
  std::optional<std::string> toml;
  Env env;
  std::string message;  // a substring of the error message
  std::string field;    // may hold {dir}
};
void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class ConfigError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ConfigError, IsRejectedNamingTheKey) {
  const ErrorCase& row = GetParam();
  TempDir dir;
  Result<Config> config = load_in(dir, row.toml, row.env);
  ASSERT_FALSE(config.ok()) << "loaded although it should not";
  EXPECT_EQ(config.error().kind, ErrorKind::invalid_input);
  EXPECT_EQ(config.error().code, "invalid-config");
  EXPECT_NE(config.error().message.find(expand(row.message, dir.path())), std::string::npos)
      << config.error().message;
  EXPECT_EQ(config.error().field, expand(row.field, dir.path()));
}

// One row per file mistake; `file` builds the row from a TOML line under a section.
ErrorCase file(std::string name, std::string section, std::string line, std::string message, std::string field) {
  return {std::move(name), "[" + section + "]\n" + line + "\n", {}, std::move(message), std::move(field)};
}

const ErrorCase kFileErrors[] = {
    file("unknown_section", "lockouts", "step = \"3m\"", "lockouts: unknown section; known sections are database, ",
         "lockouts"),
    file("unknown_key", "lockout", "stpe = \"3m\"", "lockout.stpe: unknown key; [lockout] has step", "lockout.stpe"),
    file("nested_table", "pin.extra", "x = 1", "pin.extra: unknown key", "pin.extra"),
    {"top_level_key", "step = \"3m\"", {}, "step: unknown section", "step"},
    {"section_not_a_table", "lockout = \"3m\"", {}, "lockout: expected a section [lockout], got a string", "lockout"},
    {"array_of_sections", "[[pin]]\nhistory = 1", {}, "pin: expected a section [pin], got an array", "pin"},
    file("office_not_four_digits", "applications", "protocol_office = \"701\"",
         "applications.protocol_office: expected a string of 4 digits, got \"701\"", "applications.protocol_office"),
    file("office_as_integer", "applications", "protocol_office = 7001",
         "applications.protocol_office: expected a string of 4 digits", "applications.protocol_office"),
    file("integer_as_string", "pin", "history = \"5\"", "pin.history: expected an integer from 0 to 24, got \"5\"",
         "pin.history"),
    file("integer_as_float", "pin", "rotation_months = 3.0",
         "pin.rotation_months: expected an integer from 1 to 24, got a floating-point number", "pin.rotation_months"),
    file("duration_as_boolean", "lockout", "step = true",
         "lockout.step: expected a duration like \"3m\", got a boolean",
         "lockout.step"),
    file("duration_as_time", "lockout", "step = 00:03:00", "lockout.step: expected a duration like \"3m\", got a time",
         "lockout.step"),
    file("path_as_integer", "outbox", "key_file = 7", "outbox.key_file: expected a path, got 7", "outbox.key_file"),
    file("path_empty", "reference", "data_dir = \"\"", "reference.data_dir: expected a path, got \"\"",
         "reference.data_dir"),
    file("url_as_array", "database", "url = [\"sqlite:x\"]",
         "database.url: expected \"sqlite:PATH\" or \"postgresql://...\", got an array", "database.url"),
    file("url_other_scheme", "database", "url = \"mysql://u@h/db\"",
         "database.url: expected \"sqlite:PATH\" or \"postgresql://...\"", "database.url"),
    file("url_sqlite_without_path", "database", "url = \"sqlite:\"", "database.url: expected", "database.url"),
    file("url_postgresql_without_rest", "database", "url = \"postgresql://\"", "database.url: expected",
         "database.url"),
    file("personal_length_low", "pin", "personal_length = 7",
         "pin.personal_length: expected an integer from 8 to 64, got 7",
         "pin.personal_length"),
    file("personal_length_high", "pin", "personal_length = 65", "from 8 to 64, got 65", "pin.personal_length"),
    file("history_negative", "pin", "history = -1", "pin.history: expected an integer from 0 to 24, got -1",
         "pin.history"),
    file("history_high", "pin", "history = 25", "from 0 to 24, got 25", "pin.history"),
    file("rotation_months_zero", "pin", "rotation_months = 0", "from 1 to 24, got 0", "pin.rotation_months"),
    file("rotation_months_high", "pin", "rotation_months = 25", "from 1 to 24, got 25", "pin.rotation_months"),
    file("contacts_required_zero", "recovery", "contacts_required = 0", "from 1 to 4, got 0",
         "recovery.contacts_required"),
    file("contacts_required_high", "recovery", "contacts_required = 5", "from 1 to 4, got 5",
         "recovery.contacts_required"),
    file("memory_kib_low", "argon2", "memory_kib = 8191", "argon2.memory_kib: expected an integer from 8192 to 4194304",
         "argon2.memory_kib"),
    file("memory_kib_high", "argon2", "memory_kib = 4194305", "got 4194305", "argon2.memory_kib"),
    file("iterations_zero", "argon2", "iterations = 0", "from 1 to 10, got 0", "argon2.iterations"),
    file("iterations_high", "argon2", "iterations = 11", "from 1 to 10, got 11", "argon2.iterations"),
    file("parallelism_zero", "argon2", "parallelism = 0", "expected the integer 1, got 0", "argon2.parallelism"),
    file("parallelism_more_lanes", "argon2", "parallelism = 4", "expected the integer 1, got 4", "argon2.parallelism"),
    file("max_upload_bytes_low", "dispositivo", "max_upload_bytes = 1023", "from 1024 to 67108864, got 1023",
         "dispositivo.max_upload_bytes"),
    file("io_threads_negative", "server", "io_threads = -1", "from 0 to 256, got -1", "server.io_threads"),
    file("io_threads_high", "server", "io_threads = 257", "from 0 to 256, got 257", "server.io_threads"),
    file("max_upload_bytes_high", "dispositivo", "max_upload_bytes = 67108865", "got 67108865",
         "dispositivo.max_upload_bytes"),
    file("totp_window_steps_negative", "staff", "totp_window_steps = -1", "from 0 to 3, got -1",
         "staff.totp_window_steps"),
    file("totp_window_steps_high", "staff", "totp_window_steps = 4", "from 0 to 3, got 4", "staff.totp_window_steps"),
    file("password_min_length_low", "staff", "password_min_length = 7", "from 8 to 128, got 7",
         "staff.password_min_length"),
    file("password_min_length_high", "staff", "password_min_length = 129", "from 8 to 128, got 129",
         "staff.password_min_length"),
    file("per_address_zero", "server", "max_connections_per_address = 0",
         "server.max_connections_per_address: expected an integer from 1 to 1000000, got 0",
         "server.max_connections_per_address"),
    file("per_address_high", "server", "max_connections_per_address = 1000001", "from 1 to 1000000, got 1000001",
         "server.max_connections_per_address"),
    file("per_address_as_string", "server", "max_connections_per_address = \"64\"",
         "server.max_connections_per_address: expected an integer from 1 to 1000000, got \"64\"",
         "server.max_connections_per_address"),
    file("header_timeout_too_long", "server", "header_timeout = \"6m\"",
         "server.header_timeout: expected a duration from 1s to 5m, got \"6m\"", "server.header_timeout"),
    file("header_timeout_just_too_long", "server", "header_timeout = 301",
         "server.header_timeout: expected a duration from 1s to 5m, got 301", "server.header_timeout"),
    file("header_timeout_zero", "server", "header_timeout = \"0s\"",
         "server.header_timeout: expected a duration greater than zero, got \"0s\"", "server.header_timeout"),
    file("header_timeout_words", "server", "header_timeout = \"5 seconds\"",
         "server.header_timeout: expected a duration like \"3m\", got \"5 seconds\"", "server.header_timeout"),
    file("duration_words", "lockout", "step = \"3 minutes\"",
         "lockout.step: expected a duration like \"3m\", got \"3 minutes\"", "lockout.step"),
    file("duration_zero", "lockout", "step = \"0s\"", "lockout.step: expected a duration greater than zero, got \"0s\"",
         "lockout.step"),
    file("duration_zero_integer", "lockout", "step = 0", "greater than zero, got \"0\"", "lockout.step"),
    file("duration_negative", "lockout", "step = \"-3m\"", "greater than zero, got \"-3m\"", "lockout.step"),
    file("duration_negative_integer", "lockout", "step = -5", "greater than zero, got \"-5\"", "lockout.step"),
    file("duration_too_long", "pin", "activation_window = \"3651d\"",
         "pin.activation_window: expected a duration of at most 3650d, got \"3651d\"", "pin.activation_window"),
    file("duration_overflow", "pin", "activation_window = \"99999999999999999999d\"", "at most 3650d",
         "pin.activation_window"),
    file("duration_empty", "lockout", "step = \"\"", "expected a duration like \"3m\", got \"\"", "lockout.step"),
    file("duration_unit_alone", "lockout", "step = \"m\"", "expected a duration like \"3m\"", "lockout.step"),
    file("duration_unknown_unit", "lockout", "step = \"3x\"", "expected a duration like \"3m\"", "lockout.step"),
    file("duration_upper_case_unit", "lockout", "step = \"3M\"", "expected a duration like \"3m\"", "lockout.step"),
    file("duration_units_out_of_order", "lockout", "step = \"1m1h\"", "expected a duration like \"3m\"",
         "lockout.step"),
    file("duration_unit_twice", "lockout", "step = \"1h1h\"", "expected a duration like \"3m\"", "lockout.step"),
    file("duration_fraction", "lockout", "step = \"1.5h\"", "expected a duration like \"3m\"", "lockout.step"),
    file("duration_trailing_space", "lockout", "step = \"3m \"", "expected a duration like \"3m\"", "lockout.step"),
    file("duration_trailing_digits", "lockout", "step = \"1h30\"", "expected a duration like \"3m\"", "lockout.step"),
    file("limits_letters_zero", "limits", "letters_per_holder = 0",
         "limits.letters_per_holder: expected an integer from 1 to 1000, got 0", "limits.letters_per_holder"),
    file("limits_address_burst_negative", "limits", "address_burst = -1",
         "limits.address_burst: expected an integer from 1 to 1000000, got -1", "limits.address_burst"),
    file("limits_code_window_text", "limits", "code_window = \"a day\"", "expected a duration like \"3m\"",
         "limits.code_window"),
    file("idle_longer_than_absolute", "session", "idle_timeout = \"9h\"",
         "session.idle_timeout: must not exceed session.absolute_timeout", "session.idle_timeout"),
    file("audit_checkpoint_every_not_a_duration", "audit", "checkpoint_every = \"often\"",
         "audit.checkpoint_every: expected a duration like \"3m\", got \"often\"", "audit.checkpoint_every"),
    file("audit_checkpoint_every_zero", "audit", "checkpoint_every = 0", "greater than zero", "audit.checkpoint_every"),
    file("audit_checkpoint_every_boolean", "audit", "checkpoint_every = true", "got a boolean",
         "audit.checkpoint_every"),
    file("audit_key_file_empty", "audit", "key_file = \"\"", "audit.key_file: expected a path", "audit.key_file"),
    file("audit_key_file_not_a_string", "audit", "key_file = 32", "audit.key_file: expected a path, got 32",
         "audit.key_file"),
    file("audit_unknown_key", "audit", "key = \"a.key\"",
         "audit.key: unknown key; [audit] has key_file, signing_key_file, checkpoint_file, checkpoint_every",
         "audit.key"),
    {"audit_key_file_is_the_outbox_key", "[outbox]\nkey_file = \"k.key\"\n[audit]\nkey_file = \"k.key\"\n", {},
     "audit.key_file: must name another file than outbox.key_file", "audit.key_file"},
    {"audit_checkpoint_file_is_the_signing_key", "[audit]\nsigning_key_file = \"s.key\"\ncheckpoint_file = \"s.key\"\n",
     {}, "audit.checkpoint_file: must name another file than audit.signing_key_file", "audit.checkpoint_file"},
    {"toml_syntax", "[lockout\nstep = \"3m\"\n", {}, "{dir}/sportello.toml:1:", "{dir}/sportello.toml"},
    {"toml_duplicate_key", "[pin]\nhistory = 1\nhistory = 2\n", {}, "{dir}/sportello.toml:3:",
     "{dir}/sportello.toml"},
};
INSTANTIATE_TEST_SUITE_P(File, ConfigError, ::testing::ValuesIn(kFileErrors),
                         [](const auto& info) { return info.param.name; });

const ErrorCase kEnvironmentErrors[] = {
    {"short_metrics_token", kNoFile, {{"SPORTELLO_SERVER_METRICS_TOKEN", "guessable"}},
     "SPORTELLO_SERVER_METRICS_TOKEN: expected \"\" or a token of at least 32 characters (the value is not shown)",
     "SPORTELLO_SERVER_METRICS_TOKEN"},
    {"bad_duration", kNoFile, {{"SPORTELLO_LOCKOUT_STEP", "3 minutes"}},
     "SPORTELLO_LOCKOUT_STEP: expected a duration like \"3m\", got \"3 minutes\"", "SPORTELLO_LOCKOUT_STEP"},
    {"zero_duration", kNoFile, {{"SPORTELLO_LOCKOUT_STEP", "0"}}, "greater than zero", "SPORTELLO_LOCKOUT_STEP"},
    {"bad_integer", kNoFile, {{"SPORTELLO_PIN_HISTORY", "five"}},
     "SPORTELLO_PIN_HISTORY: expected an integer from 0 to 24, got \"five\"", "SPORTELLO_PIN_HISTORY"},
    {"integer_out_of_range", kNoFile, {{"SPORTELLO_PIN_HISTORY", "25"}}, "from 0 to 24, got \"25\"",
     "SPORTELLO_PIN_HISTORY"},
    {"integer_with_space", kNoFile, {{"SPORTELLO_PIN_HISTORY", " 5"}}, "got \" 5\"", "SPORTELLO_PIN_HISTORY"},
    {"integer_empty", kNoFile, {{"SPORTELLO_PIN_HISTORY", ""}}, "got \"\"", "SPORTELLO_PIN_HISTORY"},
    {"integer_huge", kNoFile, {{"SPORTELLO_ARGON2_MEMORY_KIB", "99999999999999999999"}}, "from 8192 to 4194304",
     "SPORTELLO_ARGON2_MEMORY_KIB"},
    {"unknown_key", kNoFile, {{"SPORTELLO_LOCKOUT_STPE", "3m"}},
     "SPORTELLO_LOCKOUT_STPE: unknown setting; [lockout] has step", "SPORTELLO_LOCKOUT_STPE"},
    {"missing_key", kNoFile, {{"SPORTELLO_PIN_", "3"}}, "SPORTELLO_PIN_: unknown setting", "SPORTELLO_PIN_"},
    {"bad_url", kNoFile, {{"SPORTELLO_DATABASE_URL", "mysql://h/db"}},
     "SPORTELLO_DATABASE_URL: expected \"sqlite:PATH\"",
     "SPORTELLO_DATABASE_URL"},
    {"empty_path", kNoFile, {{"SPORTELLO_OUTBOX_KEY_FILE", ""}}, "SPORTELLO_OUTBOX_KEY_FILE: expected a path",
     "SPORTELLO_OUTBOX_KEY_FILE"},
    {"bad_even_when_file_is_good", "[lockout]\nstep = \"5m\"", {{"SPORTELLO_LOCKOUT_STEP", "soon"}}, "got \"soon\"",
     "SPORTELLO_LOCKOUT_STEP"},
    {"per_address_not_a_number", kNoFile, {{"SPORTELLO_SERVER_MAX_CONNECTIONS_PER_ADDRESS", "many"}},
     "SPORTELLO_SERVER_MAX_CONNECTIONS_PER_ADDRESS: expected an integer from 1 to 1000000, got \"many\"",
     "SPORTELLO_SERVER_MAX_CONNECTIONS_PER_ADDRESS"},
    {"header_timeout_too_long", kNoFile, {{"SPORTELLO_SERVER_HEADER_TIMEOUT", "1h"}},
     "SPORTELLO_SERVER_HEADER_TIMEOUT: expected a duration from 1s to 5m, got \"1h\"", "SPORTELLO_SERVER_HEADER_TIMEOUT"},
    {"audit_checkpoint_every_negative", kNoFile, {{"SPORTELLO_AUDIT_CHECKPOINT_EVERY", "-5m"}}, "greater than zero",
     "SPORTELLO_AUDIT_CHECKPOINT_EVERY"},
    {"audit_signing_key_is_the_audit_key", kNoFile,
     {{"SPORTELLO_AUDIT_SIGNING_KEY_FILE", "/k/a.key"}, {"SPORTELLO_AUDIT_KEY_FILE", "/k/a.key"}},
     "audit.signing_key_file: must name another file than audit.key_file (/k/a.key)", "audit.signing_key_file"},
    {"idle_longer_than_absolute", kNoFile, {{"SPORTELLO_SESSION_ABSOLUTE_TIMEOUT", "10m"}},
     "session.idle_timeout: must not exceed session.absolute_timeout", "session.idle_timeout"},
};
INSTANTIATE_TEST_SUITE_P(Environment, ConfigError, ::testing::ValuesIn(kEnvironmentErrors),
                         [](const auto& info) { return info.param.name; });

// ---- parse_duration -----------------------------------------------------------------------------------------

struct DurationCase {
  std::string name;
  std::string text;
  long long seconds;  // 0: must be rejected
};
void PrintTo(const DurationCase& c, std::ostream* os) { *os << c.name; }

class ParseDuration : public ::testing::TestWithParam<DurationCase> {};

TEST_P(ParseDuration, ReadsUnitsOrRejectsNamingTheKey) {
  const DurationCase& row = GetParam();
  Result<std::chrono::seconds> d = parse_duration(row.text, "lockout.step");
  if (row.seconds > 0) {
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(d->count(), row.seconds);
    return;
  }
  ASSERT_FALSE(d.ok()) << d->count();
  EXPECT_EQ(d.error().kind, ErrorKind::invalid_input);
  EXPECT_EQ(d.error().code, "invalid-config");
  EXPECT_EQ(d.error().field, "lockout.step");
  EXPECT_TRUE(d.error().message.starts_with("lockout.step: expected a duration")) << d.error().message;
}

const DurationCase kDurations[] = {
    {"days", "90d", 90 * 86400},      {"hours", "48h", 48 * 3600},   {"minutes", "15m", 900},
    {"seconds", "30s", 30},           {"compound", "1h30m", 5400},   {"bare_seconds", "45", 45},
    {"leading_zero", "03m", 180},     {"zero_part", "1h0m", 3600},   {"all_units", "1d1h1m1s", 90061},
    {"zero", "0", 0},                 {"zero_unit", "0m", 0},        {"negative", "-3m", 0},
    {"minus_alone", "-", 0},          {"plus", "+3m", 0},            {"empty", "", 0},
    {"words", "3 minutes", 0},        {"space_inside", "1h 30m", 0}, {"unit_first", "m3", 0},
    {"out_of_order", "30m1h", 0},     {"repeated", "3m3m", 0},       {"fraction", "0.5h", 0},
    {"upper_case", "3H", 0},          {"weeks", "2w", 0},            {"too_long", "3651d", 0},
    {"overflow", "9999999999999999999999", 0},
};
INSTANTIATE_TEST_SUITE_P(Rows, ParseDuration, ::testing::ValuesIn(kDurations),
                         [](const auto& info) { return info.param.name; });

// ---- single rules -------------------------------------------------------------------------------------------

TEST(Config, MissingFileIsNotFoundAndNamed) {
  TempDir dir;
  Result<Config> config = Config::load(dir / "absent.toml", {});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().kind, ErrorKind::not_found);
  EXPECT_NE(config.error().message.find((dir / "absent.toml").string()), std::string::npos) << config.error().message;
}

TEST(Config, DatabaseUrlIsNeverEchoedInErrors) {
  TempDir dir;
  for (const auto& env : {Env{{"SPORTELLO_DATABASE_URL", "mysql://u:s3cret@h/db"}}, Env{}}) {
    std::optional<std::string> toml;
    if (env.empty()) toml = "[database]\nurl = \"postgres://u:s3cret@h/db\"";
    Result<Config> config = load_in(dir, toml, env);
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().message.find("s3cret"), std::string::npos) << config.error().message;
  }
}

TEST(Config, ProcessEnvironmentHoldsOnlySportelloVariables) {
  ::setenv("SPORTELLO_CONFIG_TEST_PROBE", "a=b", 1);
  ::setenv("CONFIG_TEST_NOT_SPORTELLO", "x", 1);
  Env env = Config::process_environment();
  ::unsetenv("SPORTELLO_CONFIG_TEST_PROBE");
  ::unsetenv("CONFIG_TEST_NOT_SPORTELLO");
  EXPECT_EQ(env["SPORTELLO_CONFIG_TEST_PROBE"], "a=b");
  EXPECT_FALSE(env.contains("CONFIG_TEST_NOT_SPORTELLO"));
  for (const auto& [name, value] : env) EXPECT_TRUE(name.starts_with("SPORTELLO_")) << name;
}

// Config::from_toml (fuzz/config_fuzzer.cpp feeds it) reads text exactly as load() reads the same file.
TEST(Config, TextLoadsAsTheSameFileWould) {
  TempDir dir;
  const std::string toml = "[lockout]\nstep = \"30s\"\n[outbox]\nkey_file = \"keys/outbox.key\"\n";
  Result<Config> from_file = load_in(dir, toml, {{"SPORTELLO_PIN_HISTORY", "7"}});
  Result<Config> from_text = Config::from_toml(toml, dir.path(), {{"SPORTELLO_PIN_HISTORY", "7"}});
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  ASSERT_TRUE(from_text.ok()) << from_text.error().message;
  EXPECT_EQ(flatten(*from_text), flatten(*from_file));
  EXPECT_EQ(from_text->outbox.key_file, dir / "keys" / "outbox.key");

  Result<Config> broken = Config::from_toml("[lockout]\nstep = \"3m", dir.path(), {});
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, "invalid-config");
  EXPECT_TRUE(broken.error().message.starts_with("configuration text:2:")) << broken.error().message;
}

// ---- the example file ---------------------------------------------------------------------------------------

// The repository root: the parent of SPORTELLO_DATA_DIR (set by ctest), or of the compiled-in data folder.
fs::path repo_root() {
  const char* data_dir = std::getenv("SPORTELLO_DATA_DIR");
  fs::path data = data_dir != nullptr ? data_dir : SPORTELLO_DEFAULT_DATA_DIR;
  if (!data.has_filename()) data = data.parent_path();  // "…/data/"
  return data.parent_path();
}

// [federation] (issue 12): off without an entity_id; with one, every key the metadata needs, and SPID's rules.
TEST(ConfigFederation, AnEntityIdRequiresWhatTheMetadataNeedsAndFollowsSpidsRules) {
  const std::map<std::string, std::string> complete = {
      {"SPORTELLO_FEDERATION_ENTITY_ID", "https://sportello.example/spid"},
      {"SPORTELLO_FEDERATION_PUBLIC_URL", "https://sportello.example"},
      {"SPORTELLO_FEDERATION_KEY_FILE", "/etc/sportello/sp.key"},
      {"SPORTELLO_FEDERATION_CERTIFICATE_FILE", "/etc/sportello/sp.crt"},
      {"SPORTELLO_FEDERATION_IDP_METADATA_DIR", "/etc/sportello/idps"},
      {"SPORTELLO_FEDERATION_ORGANIZATION_NAME", "Istituto"},
      {"SPORTELLO_FEDERATION_ORGANIZATION_DISPLAY_NAME", "Sportello"},
      {"SPORTELLO_FEDERATION_ORGANIZATION_URL", "https://istituto.example"},
      {"SPORTELLO_FEDERATION_IPA_CODE", "inps"},
      {"SPORTELLO_FEDERATION_CONTACT_EMAIL", "spid@istituto.example"}};
  ASSERT_TRUE(Config::load({}, complete).ok());
  auto with = [&](const std::string& name, const std::string& value) {
    auto env = complete;
    env[name] = value;
    return Config::load({}, env);
  };
  const std::pair<std::pair<const char*, const char*>, const char*> refused[] = {
      {{"SPORTELLO_FEDERATION_ENTITY_ID", "https://sportello.example:8443/spid"}, "federation.entity_id"},
      {{"SPORTELLO_FEDERATION_ENTITY_ID", "https://sportello.example/spid?x=1"}, "federation.entity_id"},
      {{"SPORTELLO_FEDERATION_ENTITY_ID", "http://sportello.example/spid"}, "SPORTELLO_FEDERATION_ENTITY_ID"},
      {{"SPORTELLO_FEDERATION_PUBLIC_URL", "https://sportello.example/"}, "federation.public_url"},
      {{"SPORTELLO_FEDERATION_IPA_CODE", ""}, "federation.ipa_code"},
      {{"SPORTELLO_FEDERATION_CONTACT_PHONE", "06 1234"}, "federation.contact_phone"},
      {{"SPORTELLO_FEDERATION_CIE_ENTITY_ID", "https://idserver.servizicie.interno.gov.it/idp/profile/SAML2/POST/SSO"},
       "federation.municipality"},
      {{"SPORTELLO_FEDERATION_LEVEL", "4"}, "SPORTELLO_FEDERATION_LEVEL"},
      {{"SPORTELLO_FEDERATION_BINDING", "soap"}, "SPORTELLO_FEDERATION_BINDING"},
  };
  for (const auto& [setting, named] : refused) {
    auto loaded = with(setting.first, setting.second);
    ASSERT_FALSE(loaded.ok()) << setting.first << "=" << setting.second;
    EXPECT_NE(loaded.error().message.find(named), std::string::npos) << loaded.error().message;
  }
}

// [cns] (issue 12): off without a listen address; with one, a TLS listener of its own and what cards are checked by.
TEST(ConfigCns, AListenAddressRequiresTlsThePublicAddressAndTheCasWithTheirCrls) {
  const std::map<std::string, std::string> complete = {
      {"SPORTELLO_SERVER_TLS_CERTIFICATE", "/etc/sportello/tls.crt"},
      {"SPORTELLO_SERVER_TLS_KEY", "/etc/sportello/tls.key"},
      {"SPORTELLO_CNS_LISTEN", "0.0.0.0:8443"},
      {"SPORTELLO_CNS_PUBLIC_URL", "https://sportello.example:8443"},
      {"SPORTELLO_CNS_CA_FILE", "/etc/sportello/cns-ca.pem"},
      {"SPORTELLO_CNS_CRL_FILE", "/etc/sportello/cns-crl.pem"}};
  auto loaded = Config::load({}, complete);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->cns.crl_file, fs::path("/etc/sportello/cns-crl.pem"));
  const std::pair<std::pair<const char*, const char*>, const char*> refused[] = {
      {{"SPORTELLO_SERVER_TLS_CERTIFICATE", ""}, "server.tls_certificate"},
      {{"SPORTELLO_SERVER_TLS_KEY", ""}, "server.tls_key"},
      {{"SPORTELLO_CNS_PUBLIC_URL", ""}, "cns.public_url"},
      {{"SPORTELLO_CNS_PUBLIC_URL", "http://sportello.example:8443"}, "SPORTELLO_CNS_PUBLIC_URL"},
      {{"SPORTELLO_CNS_PUBLIC_URL", "https://sportello.example:8443/"}, "cns.public_url"},
      {{"SPORTELLO_CNS_CA_FILE", ""}, "cns.ca_file"},
      {{"SPORTELLO_CNS_CRL_FILE", ""}, "cns.crl_file"},
      {{"SPORTELLO_CNS_LISTEN", "8443"}, "cns.listen"},
      {{"SPORTELLO_CNS_LISTEN", "127.0.0.1:8080"}, "cns.listen"},  // the main listener's own
  };
  for (const auto& [setting, named] : refused) {
    auto env = complete;
    env[setting.first] = setting.second;
    auto refusal = Config::load({}, env);
    ASSERT_FALSE(refusal.ok()) << setting.first << "=" << setting.second;
    EXPECT_NE(refusal.error().message.find(named), std::string::npos) << refusal.error().message;
  }
  auto off = complete;
  off["SPORTELLO_CNS_LISTEN"] = "";
  off["SPORTELLO_CNS_CA_FILE"] = "";
  EXPECT_TRUE(Config::load({}, off).ok());  // no listener: the other keys wait unused
}

TEST(ConfigExample, LoadsCleanlyAndEqualsTheDefaults) {
  fs::path example = repo_root() / "config" / "sportello.example.toml";
  Result<Config> loaded = Config::load(example, {});
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  Result<Config> defaults = Config::load({}, {});
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_EQ(flatten(*loaded), flatten(*defaults));
}

// Uncommenting every "# key = value" line of the example must name every setting once, with its default
// (paths then resolve against the file's folder, as the example says).
TEST(ConfigExample, ShowsEverySettingWithItsDefault) {
  std::string text = read_text(repo_root() / "config" / "sportello.example.toml");
  const std::regex setting_line(R"(^# ([a-z0-9_]+ = .*)$)", std::regex::multiline);
  std::sregex_iterator first(text.begin(), text.end(), setting_line);
  std::ptrdiff_t settings = std::distance(first, std::sregex_iterator());
  TempDir dir;
  Result<Config> loaded = load_in(dir, std::regex_replace(text, setting_line, "$1"), {});
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  Result<Config> defaults = Config::load({}, {});
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  auto expected = flatten(*defaults);
  EXPECT_EQ(settings, static_cast<std::ptrdiff_t>(expected.size()));
  expected["database.url"] = expand("sqlite:{dir}/var/sportello.db", dir.path());
  expected["reference.data_dir"] = expand("{dir}/data", dir.path());
  expected["outbox.key_file"] = expand("{dir}/var/outbox.key", dir.path());
  expected["audit.key_file"] = expand("{dir}/var/audit.key", dir.path());
  expected["audit.signing_key_file"] = expand("{dir}/var/audit-signing.key", dir.path());
  expected["audit.checkpoint_file"] = expand("{dir}/var/audit-checkpoints.log", dir.path());
  expected["letters.spool_dir"] = expand("{dir}/var/letters", dir.path());
  expected["web.assets_dir"] = expand("{dir}/node_modules/bootstrap-italia/dist", dir.path());
  EXPECT_EQ(flatten(*loaded), expected);
}

}  // namespace
}  // namespace sportello
