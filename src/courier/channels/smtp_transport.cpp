// SmtpTransport: builds one MIME message per envelope with libcurl's MIME API and hands it to the SMTP server
// on a connection kept open across sends. Guarantees: nothing reaches the network unless the envelope is
// well formed (else invalid_input); header values are ASCII (RFC 2047 encoded-words for anything else), so
// no envelope field can inject a header; error messages carry libcurl's text and the SMTP reply code, never
// the message's text, subject or the login.
#include "courier/channels/smtp_transport.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string_view>
#include <utility>

#include "core/crypto_init.h"
#include "core/display_text.h"
#include "courier/channels/curl_handle.h"

namespace sportello {
namespace {

// ---- what may go on the wire ----------------------------------------------------------------------------

bool is_printable_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c >= 0x7F) return false;
  }
  return true;
}

// Not a full RFC 5321 parser: it refuses what would break the SMTP command or the header it goes into
// (line breaks, spaces, angle brackets, no '@'); the server judges the rest.
bool is_plausible_address(std::string_view address) {
  std::size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  for (unsigned char c : address) {
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == ',') return false;
  }
  return true;
}

// The envelope's id with or without its angle brackets; the header always gets them.
std::string_view without_brackets(std::string_view message_id) {
  if (message_id.size() >= 2 && message_id.front() == '<' && message_id.back() == '>')
    return message_id.substr(1, message_id.size() - 2);
  return message_id;
}

std::string bracketed(std::string_view message_id) { return "<" + std::string(without_brackets(message_id)) + ">"; }

Status check_email_envelope(const Envelope& envelope) {
  if (!is_plausible_address(envelope.to))
    return Error::invalid("invalid-recipient", "the recipient is not an e-mail address", "to");
  if (envelope.text.empty()) return Error::invalid("empty-text", "an e-mail needs a plain-text body", "text");
  if (has_control_character(envelope.subject))
    return Error::invalid("invalid-subject", "the subject holds a line break or a control character", "subject");
  if (!is_plausible_address(without_brackets(envelope.message_id)))
    return Error::invalid("invalid-message-id", "the message id is not of the form <left@right>", "message_id");
  return Ok{};
}

Status check_sender(const SmtpSettings& settings) {
  if (!is_plausible_address(settings.from_address) || has_control_character(settings.from_name))
    return Error::unavailable("smtp: the configured sender address or name is malformed");
  return Ok{};
}

// ---- header values (RFC 5322, RFC 2047) -----------------------------------------------------------------

std::string base64(std::string_view bytes) {
  ensure_crypto_initialised();
  constexpr int variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    variant);
  out.pop_back();  // the terminating NUL sodium writes
  return out;
}

// The longest prefix of `text` of at most `max_bytes` that does not cut a UTF-8 sequence in two.
std::size_t utf8_prefix_length(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut == 0 ? max_bytes : cut;  // no boundary at all: malformed input, cut anyway
}

// "=?UTF-8?B?...?=" words of at most 75 characters, the first shorter by `first_line_used` so that no line
// of the header passes 76 characters (RFC 2047 §2); words are folded onto continuation lines.
std::string encoded_words(std::string_view utf8, std::size_t first_line_used) {
  constexpr std::string_view open = "=?UTF-8?B?", close = "?=";
  constexpr std::size_t line_limit = 76, word_limit = 75;
  std::string out;
  std::size_t room = std::min(word_limit, line_limit - first_line_used);
  while (!utf8.empty()) {
    std::size_t payload_chars = room - open.size() - close.size();
    std::size_t take = utf8_prefix_length(utf8, payload_chars / 4 * 3);
    if (!out.empty()) out += "\r\n ";
    out.append(open).append(base64(utf8.substr(0, take))).append(close);
    utf8.remove_prefix(take);
    room = word_limit;  // continuation lines start with one space
  }
  return out;
}

// Plain ASCII goes as it is, unless it looks like an encoded-word a reader would decode.
std::string header_text(std::string_view utf8, std::size_t first_line_used) {
  if (is_printable_ascii(utf8) && utf8.find("=?") == std::string_view::npos) return std::string(utf8);
  return encoded_words(utf8, first_line_used);
}

std::string quoted(std::string_view ascii) {
  std::string out = "\"";
  for (char c : ascii) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string(address);
  constexpr std::size_t header_name = std::string_view("From: ").size();
  std::string display = is_printable_ascii(name) ? quoted(name) : encoded_words(name, header_name);
  return display + " <" + std::string(address) + ">";
}

// RFC 5322 §3.3 date in UTC, with English names whatever the process locale.
std::string rfc5322_date(std::chrono::system_clock::time_point when) {
  static constexpr std::array<const char*, 7> days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 64> out{};
  std::snprintf(out.data(), out.size(), "%s, %02d %s %04d %02d:%02d:%02d +0000", days[utc.tm_wday], utc.tm_mday,
                months[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return out.data();
}

// ---- the MIME body ----------------------------------------------------------------------------------------

// Text parts travel in canonical form (RFC 2046 §4.1.1): every line break is CRLF.
std::string with_crlf_line_breaks(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

struct MimeFree {
  void operator()(curl_mime* mime) const { curl_mime_free(mime); }
};
using Mime = std::unique_ptr<curl_mime, MimeFree>;

bool add_text_part(curl_mime* mime, std::string_view content, const char* content_type) {
  std::string canonical = with_crlf_line_breaks(content);
  curl_mimepart* part = curl_mime_addpart(mime);
  return part != nullptr && curl_mime_data(part, canonical.data(), canonical.size()) == CURLE_OK &&
         curl_mime_type(part, content_type) == CURLE_OK &&
         curl_mime_encoder(part, "quoted-printable") == CURLE_OK;
}

// text/plain alone, or text/plain then text/html (the last part is the preferred one, RFC 2046 §5.1.4).
Mime build_body(CURL* curl, const Envelope& envelope) {
  Mime mime(curl_mime_init(curl));
  if (!mime || !add_text_part(mime.get(), envelope.text, "text/plain; charset=UTF-8")) return nullptr;
  if (!envelope.html.empty() && !add_text_part(mime.get(), envelope.html, "text/html; charset=UTF-8")) return nullptr;
  return mime;
}

bool build_headers(CurlList& headers, const SmtpSettings& settings, const Envelope& envelope) {
  bool ok = headers.append("Date: " + rfc5322_date(std::chrono::system_clock::now())) &&
            headers.append("From: " + mailbox(settings.from_name, settings.from_address)) &&
            headers.append("To: " + envelope.to) &&
            headers.append("Subject: " + header_text(envelope.subject, std::string_view("Subject: ").size())) &&
            headers.append("Message-ID: " + bracketed(envelope.message_id)) && headers.append("MIME-Version: 1.0");
  // libcurl takes a Content-Type among the headers as the top part's type and adds the boundary itself.
  if (ok && !envelope.html.empty()) ok = headers.append("Content-Type: multipart/alternative");
  return ok;
}

// ---- the outcome --------------------------------------------------------------------------------------------

bool is_authentication_reply(long reply) { return reply == 530 || reply == 535 || reply == 534 || reply == 538; }

// A 5xx to MAIL FROM, RCPT TO or the data is the server's final word on this message. A refused login (or
// "authentication required") is our configuration's fault, not the message's: retrying after a fix helps.
Status smtp_outcome(CURLcode code, const CurlHandle& curl) {
  if (code == CURLE_OK) return Ok{};
  long reply = curl.response_code();
  std::string what = "smtp: " + curl.describe(code) + " (reply " + std::to_string(reply) + ")";
  bool refused = code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR;
  if (refused && reply >= 500 && reply < 600 && !is_authentication_reply(reply))
    return Error::invalid("smtp-rejected", "the mail server refused the message: " + what);
  if (code == CURLE_LOGIN_DENIED || is_authentication_reply(reply))
    return Error{ErrorKind::unavailable, "smtp-login-denied", "the mail server refused our login: " + what, {}, {}};
  return Error::unavailable(what);
}

}  // namespace

struct SmtpTransport::Impl {
  SmtpSettings settings;
  CurlHandle curl;

  explicit Impl(SmtpSettings s) : settings(std::move(s)) {}

  void set_connection_options(CURL* handle) const {
    curl_easy_setopt(handle, CURLOPT_URL, settings.url.c_str());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (!settings.url.starts_with("smtps:")) curl_easy_setopt(handle, CURLOPT_USE_SSL, tls_level());
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, settings.verify_peer ? 1L : 0L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, settings.verify_peer ? 2L : 0L);
    if (!settings.username.empty()) {
      curl_easy_setopt(handle, CURLOPT_USERNAME, settings.username.c_str());
      curl_easy_setopt(handle, CURLOPT_PASSWORD, settings.password.c_str());
    }
    long timeout_ms = static_cast<long>(std::chrono::milliseconds(settings.timeout).count());
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  }

  // Opportunistic STARTTLS would let someone on the path strip the offer and read the password: with a
  // login it becomes required. Only an explicit Tls::none sends a login in clear.
  long tls_level() const {
    if (!settings.username.empty() && settings.tls == SmtpSettings::Tls::starttls_if_offered) return CURLUSESSL_ALL;
    switch (settings.tls) {
      case SmtpSettings::Tls::none: return CURLUSESSL_NONE;
      case SmtpSettings::Tls::starttls_if_offered: return CURLUSESSL_TRY;
      case SmtpSettings::Tls::starttls_required: return CURLUSESSL_ALL;
    }
    return CURLUSESSL_ALL;
  }

  Status deliver(const Envelope& envelope) {
    CURL* handle = curl.get();
    Mime body = build_body(handle, envelope);
    CurlList headers, recipients;
    if (!body || !build_headers(headers, settings, envelope) || !recipients.append("<" + envelope.to + ">"))
      return Error::unavailable("smtp: out of memory while building the message");
    std::string mail_from = "<" + settings.from_address + ">";
    set_connection_options(handle);
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(handle, CURLOPT_MIMEPOST, body.get());
    CURLcode code = curl_easy_perform(handle);
    Status result = smtp_outcome(code, curl);
    curl.clear_options();  // drop the pointers into this message before its buffers go; the connection stays
    return result;
  }
};

SmtpTransport::SmtpTransport(SmtpSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}

SmtpTransport::~SmtpTransport() = default;

Status SmtpTransport::send(const Envelope& envelope) {
  if (Status sender = check_sender(impl_->settings); !sender.ok()) return sender;
  if (Status well_formed = check_email_envelope(envelope); !well_formed.ok()) return well_formed;
  return impl_->deliver(envelope);
}

}  // namespace sportello
