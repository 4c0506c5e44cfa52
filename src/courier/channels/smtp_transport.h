#pragma once
// E-mail and PEC through an SMTP server with libcurl: smtp:// with STARTTLS (required or opportunistic)
// or smtps://, optional login. Each message is MIME multipart/alternative built with libcurl's MIME API
// (text/plain + text/html, UTF-8), with a Subject encoded per RFC 2047 and the envelope's stable Message-ID.
// One connection is reused across sends while the server keeps it open. With a login, starttls_if_offered
// acts as starttls_required, so the password never travels in clear unless tls is none. Not thread-safe:
// one per thread.
#include <chrono>
#include <memory>
#include <string>

#include "courier/channels/transport.h"

namespace sportello {

struct SmtpSettings {
  std::string url = "smtp://127.0.0.1:25";    // smtp://host:port or smtps://host:port
  enum class Tls { none, starttls_if_offered, starttls_required } tls = Tls::starttls_if_offered;  // smtp:// only
  bool verify_peer = true;                     // check the server's certificate under TLS
  std::string username;                        // empty: no AUTH
  std::string password;
  std::string from_address = "noreply@pin.example.it";
  std::string from_name = "Servizio PIN";
  std::chrono::seconds timeout{30};
};

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings settings);
  ~SmtpTransport() override;
  // Permanent failure (invalid_input, code "smtp-rejected"): the server answered 5xx to the sender, the
  // recipient or the data. A refused login (535, or 530 "authentication required") is our configuration's
  // fault, not the message's: unavailable, code "smtp-login-denied". Anything else (cannot connect,
  // time-out, 4xx, TLS required but not offered) is unavailable and worth retrying. A malformed envelope
  // (no '@' in the recipient, a line break in it, the subject or the id, empty text) is invalid_input
  // before any connection.
  Status send(const Envelope& envelope) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sportello
