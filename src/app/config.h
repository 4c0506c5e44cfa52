#pragma once
// sportello's configuration: every duration and count of SPEC.md with its default, read from a TOML file
// and overridden by SPORTELLO_* environment variables. Loading either yields a complete, valid Config or an
// error naming the offending key; there is no half-loaded state.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sportello {

struct Config {
  struct Database {
    std::string url = "sqlite:var/sportello.db";  // "sqlite:PATH" or "postgresql://..." (SOCI connect string)
  } database;

  struct Reference {
    std::filesystem::path data_dir = SPORTELLO_DEFAULT_DATA_DIR;  // Belfiore tables (data/)
  } reference;

  struct Pin {                                    // SPEC §3
    int personal_length = 8;
    int history = 5;                              // a new personal PIN differs from the last 5
    int rotation_months = 3;                      // calendar months, Europe/Rome
    std::chrono::seconds activation_window = std::chrono::days{90};
  } pin;

  struct Lockout {                                // SPEC §3
    std::chrono::seconds step = std::chrono::minutes{3};  // 3, 6, 9 ... minutes
    std::chrono::seconds reset_after = std::chrono::hours{24};  // a day without a wrong PIN forgets the count
    std::chrono::seconds purge_every = std::chrono::minutes{1};  // forgotten counts leave storage
  } lockout;

  struct Request {                                // SPEC §4.1
    std::chrono::seconds confirmation_window = std::chrono::hours{48};
  } request;

  struct Recovery {                               // SPEC §4.5
    std::chrono::seconds link_lifetime = std::chrono::minutes{30};
    int contacts_required = 2;
  } recovery;

  struct ContactChanges {                         // SPEC §2: mobile and e-mail verified by a code
    std::chrono::seconds code_lifetime = std::chrono::minutes{15};
  } contacts;

  struct Session {                                // issue 2: idle and absolute time-outs
    std::chrono::seconds idle_timeout = std::chrono::minutes{15};
    std::chrono::seconds absolute_timeout = std::chrono::hours{8};
    std::chrono::seconds read_cache_ttl{1};       // how long a read session or profile may serve; 0: off
  } session;

  struct Argon2 {                                 // SPEC §3: Argon2id; OWASP's m=19 MiB, t=2, p=1
    std::uint32_t memory_kib = 19 * 1024;
    std::uint32_t iterations = 2;
    std::uint32_t parallelism = 1;
  } argon2;

  struct Dispositivo {                            // SPEC §4.7
    std::uint64_t max_upload_bytes = 1024 * 1024;
  } dispositivo;

  struct Applications {                           // SPEC §5, issue 10
    std::string protocol_office = "7001";         // the office code in INPS.<office>.<year>.<sequence>
    std::uint64_t max_attachment_bytes = 5 * 1024 * 1024;
  } applications;

  struct Outbox {                                 // SPEC §8
    std::filesystem::path key_file = "var/outbox.key";  // 32-byte secretbox key; created 0600 if missing
  } outbox;

  struct Audit {                                  // SPEC §9, issue 15: the audit chain against an insider
    std::filesystem::path key_file = "var/audit.key";  // 32-byte HMAC key of the chain; created 0600 if missing
    std::filesystem::path signing_key_file = "var/audit-signing.key";  // Ed25519 seed of checkpoints; same
    std::filesystem::path checkpoint_file = "var/audit-checkpoints.log";  // signed heads, appended, 0600
    std::chrono::seconds checkpoint_every = std::chrono::minutes{5};  // the server checkpoints a moved head
  } audit;

  struct Server {                                 // issue 3: the HTTP server
    std::string listen = "127.0.0.1:8080";        // HOST:PORT
    std::int64_t max_connections = 10000;
    std::int64_t max_connections_per_address = 256;  // issue 15: one address may not fill max_connections
    std::chrono::seconds read_timeout{10};
    std::chrono::seconds keep_alive_timeout{30};
    std::chrono::seconds header_timeout{10};      // issue 15: a request's whole header, from its first byte
    std::uint64_t body_limit = 1024 * 1024;       // uploads get the dispositivo limit plus form overhead
    std::int64_t worker_queue = 64;               // Argon2id requests waiting or running before 503
    std::int64_t io_threads = 0;                  // 0: half the cores, at least 1 (decision 0023)
    std::int64_t throttle_per_minute = 30;        // per client address, on endpoints that check secrets
    std::int64_t throttle_burst = 10;
    std::filesystem::path tls_certificate;        // PEM chain; with tls_key, serve HTTPS (empty: plain HTTP)
    std::filesystem::path tls_key;
    std::string metrics_token;                    // /metrics needs "Authorization: Bearer <it>"; empty: no /metrics
  } server;

  struct Courier {                                // issue 4: delivery of the outbox (SPEC §8)
    std::int64_t run_in_server = 1;               // 1: `sportello serve` delivers; 0: only `sportelloctl courier run`
    std::chrono::seconds poll_interval{2};        // how often the server looks for due messages
    std::int64_t batch_size = 20;                 // messages claimed at a time
    std::chrono::seconds lease = std::chrono::minutes{5};  // a claim's life; longer than the slowest send
    std::int64_t max_attempts = 8;                // then the message is failed (sportelloctl outbox retry ID)
    std::chrono::seconds backoff_base{30};        // first wait after a failure, doubled each time, with jitter
    std::chrono::seconds backoff_max = std::chrono::hours{1};
    std::string message_id_domain = "sportello.invalid";  // right-hand side of Message-IDs
    std::string site = "http://127.0.0.1:8080";   // the portal's public address, for links in messages
    std::string language = "it";                  // "it" or "en"
  } courier;

  struct Mail {                                   // an SMTP server and its sender
    std::string url = "smtp://127.0.0.1:25";      // smtp://HOST:PORT or smtps://HOST:PORT
    std::string tls = "starttls-if-offered";      // smtp:// only: "none", "starttls-if-offered", "starttls"
    std::string username;                         // empty: no login
    std::string password;                         // better set as SPORTELLO_EMAIL_PASSWORD than in the file
    std::string from_address = "noreply@pin.example.it";
    std::string from_name = "Servizio PIN";
    std::chrono::seconds timeout{30};
  } email;
  Mail pec = [] {                                 // the PEC server; an empty url sends PEC through [email]
    Mail m;
    m.url.clear();
    return m;
  }();

  struct Sms {                                    // an HTTP SMS gateway
    std::string url = "http://127.0.0.1:9090/sms";
    std::string token;                            // bearer token; better set as SPORTELLO_SMS_TOKEN
    std::string sender = "INPS-PIN";
    std::chrono::seconds timeout{15};
  } sms;

  struct Letters {                                // issue 4: print batches for the print house
    std::filesystem::path spool_dir = "var/letters";  // folder 0700, files 0600
    std::chrono::seconds batch_every = std::chrono::hours{24};  // the server closes a batch this often
    std::int64_t max_per_batch = 5000;
  } letters;

  struct Web {                                    // issue 5: the web pages
    std::filesystem::path assets_dir = SPORTELLO_DEFAULT_ASSETS_DIR;  // bootstrap-italia's dist/ (npm)
  } web;

  struct Limits {                                 // issue 15: what a stranger could make the institute spend
    std::int64_t address_per_hour = 30;           // PIN requests, recoveries and renewals from one address (per node)
    std::int64_t address_burst = 10;              // of which at once
    std::int64_t requests_per_code = 3;           // online PIN requests for one codice fiscale per code_window
    std::int64_t recoveries_per_code = 3;         // recoveries started for one codice fiscale per code_window
    std::chrono::seconds code_window = std::chrono::hours{24};
    std::int64_t renewals_per_code = 3;           // renewals of one codice fiscale per letters_window
    std::int64_t letters_per_holder = 3;          // letters to one holder's address per letters_window
    std::chrono::seconds letters_window = std::chrono::days{30};
  } limits;

  struct Credentials {                            // issue 12: the end of the PIN
    std::string citizen_pin = "enabled";          // "enabled" or "retired" (SPID, CIE and CNS only for citizens)
  } credentials;

  struct Federation {                             // issue 12: SPID and CIE (SAML service provider)
    std::string entity_id;                        // https://..., no port or query; empty: no SPID/CIE login
    std::string public_url;                       // https://host[:port] where /saml/* is served to browsers
    std::filesystem::path key_file;               // the SP's RSA key (PEM, >= 2048 bits)
    std::filesystem::path certificate_file;       // its certificate (PEM), SPID-shaped (scripts/make-sp-certificate)
    std::filesystem::path idp_metadata_dir;       // one md:EntityDescriptor per *.xml: the IdPs trusted
    std::string cie_entity_id;                    // the IdP among them that is CIE's; empty: no CIE button
    std::string organization_name;                // as in the IPA index
    std::string organization_display_name;
    std::string organization_url;
    std::string ipa_code;
    std::string contact_email;
    std::string contact_phone;                    // +39...
    std::string municipality;                     // CIE: the seat's ISTAT code
    std::string province;                         // CIE: e.g. RM
    std::int64_t level = 2;                       // SpidL level asked: 1, 2 or 3
    std::string binding = "redirect";             // "redirect" or "post": how AuthnRequests travel
    std::chrono::seconds request_lifetime = std::chrono::minutes{15};  // a login waits this long for its answer
    std::chrono::seconds clock_skew{180};         // tolerated between our clock and an IdP's
  } federation;

  struct Cns {                                    // issue 12: CNS smart cards (TLS client certificates)
    std::string listen;                           // HOST:PORT of a second HTTPS listener; empty: no CNS login
    std::string public_url;                       // https://host:port as browsers reach it (the login page's link)
    std::filesystem::path ca_file;                // PEM bundle: the CNS issuers' CAs a card must chain to
    std::filesystem::path crl_file;               // PEM CRLs of every one of them (a card whose CA has none is refused)
  } cns;

  struct Staff {                                  // SPEC §1
    int totp_window_steps = 1;                    // accept codes one 30 s step early or late
    int password_min_length = 12;
    int lockout_free = 3;                         // failed logins in a row that start no wait (typos)
    std::chrono::seconds lockout_step = std::chrono::minutes{1};  // then each waits 1, 2, 3 … steps
    int lockout_limit = 10;                       // failures in a row that lock an account until `staff unlock`
  } staff;

  // Reads `file` (when non-empty; a missing file is an error) then applies environment overrides.
  // Environment names are SPORTELLO_<SECTION>_<KEY> in upper case, e.g. SPORTELLO_LOCKOUT_STEP=30s.
  static Result<Config> load(const std::filesystem::path& file, const std::map<std::string, std::string>& env);
  // The same from TOML text rather than a file (tests, fuzzing): relative paths in it are resolved against
  // `base`; errors cite "configuration text" with line and column.
  static Result<Config> from_toml(std::string_view text, const std::filesystem::path& base,
                                  const std::map<std::string, std::string>& env);
  // The process environment's SPORTELLO_* variables.
  static std::map<std::string, std::string> process_environment();
};

// "90d", "48h", "15m", "30s" (or a bare number of seconds) -> seconds; error names `key`.
Result<std::chrono::seconds> parse_duration(std::string_view text, std::string_view key);

}  // namespace sportello
