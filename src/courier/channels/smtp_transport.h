#pragma once
// E-mail and PEC through an SMTP server with libcurl: smtp:// with STARTTLS (required or opportunistic)
// or smtps://, optional login. Each message is MIME multipart/alternative built with libcurl's MIME API
// (text/plain + text/html, UTF-8), with a Subject encoded per RFC 2047 and the envelope's stable Message-ID.
// One connection is reused across sends while the server keeps it open. Not thread-safe: one per thread.
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
  // Permanent failure (invalid_input): the server answered 5xx to the sender, the recipient or the data.
  // Anything else (cannot connect, time-out, 4xx) is unavailable and worth retrying.
  Status send(const Envelope& envelope) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sportello
