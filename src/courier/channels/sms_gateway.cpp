// SmsGateway: one JSON POST per message to the SMS gateway, on a connection kept open across sends, and the
// GSM 03.38 / UCS-2 part count. Guarantees: nothing reaches the network unless the number is E.164 and the
// text is not empty (else invalid_input); the bearer token goes only into its header; error messages carry
// libcurl's text and the HTTP status, never the text of the message or the token.
#include "courier/channels/sms_gateway.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/display_text.h"
#include "courier/channels/curl_handle.h"

namespace sportello {
namespace {

// "+" then 8 to 15 digits (ITU-T E.164 allows at most 15; the shortest real numbers with country code have 8).
bool is_e164(std::string_view number) {
  if (number.size() < 9 || number.size() > 16 || number.front() != '+') return false;
  for (char c : number.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status check_sms_envelope(const Envelope& envelope) {
  if (!is_e164(envelope.to))
    return Error::invalid("invalid-phone-number", "the recipient is not a phone number in E.164 form", "to");
  if (envelope.text.empty()) return Error::invalid("empty-text", "an SMS needs a text", "text");
  if (envelope.message_id.empty() || has_control_character(envelope.message_id))
    return Error::invalid("invalid-message-id", "the message id is empty or holds a control character",
                          "message_id");
  return Ok{};
}

std::string request_body(const SmsSettings& settings, const Envelope& envelope) {
  boost::json::object body;
  body["to"] = envelope.to;
  body["from"] = settings.sender;
  body["text"] = envelope.text;
  body["reference"] = envelope.message_id;
  return boost::json::serialize(body);
}

bool build_headers(CurlList& headers, const SmsSettings& settings, const Envelope& envelope) {
  bool ok = headers.append("Content-Type: application/json") && headers.append("Accept: application/json") &&
            headers.append("Idempotency-Key: " + envelope.message_id) &&
            headers.append("Expect:");  // no 100-continue round trip
  if (ok && !settings.token.empty()) ok = headers.append("Authorization: Bearer " + settings.token);
  return ok;
}

// The gateway's answer is not needed: its status says everything.
size_t discard(char*, size_t size, size_t count, void*) { return size * count; }

// 408 (time-out) and 429 (slow down) are the client errors that a later try can cure.
Status gateway_outcome(CURLcode code, const CurlHandle& curl) {
  if (code != CURLE_OK) return Error::unavailable("sms gateway: " + curl.describe(code));
  long status = curl.response_code();
  if (status >= 200 && status < 300) return Ok{};
  std::string what = "sms gateway answered HTTP " + std::to_string(status);
  if (status >= 400 && status < 500 && status != 408 && status != 429)
    return Error::invalid("sms-rejected", "the SMS gateway refused the message: " + what);
  return Error::unavailable(what);
}

}  // namespace

struct SmsGateway::Impl {
  SmsSettings settings;
  CurlHandle curl;

  explicit Impl(SmsSettings s) : settings(std::move(s)) {}

  Status deliver(const Envelope& envelope) {
    CurlList headers;
    std::string body = request_body(settings, envelope);
    if (!build_headers(headers, settings, envelope)) return Error::unavailable("sms gateway: out of memory");
    CURL* handle = curl.get();
    long timeout_ms = static_cast<long>(std::chrono::milliseconds(settings.timeout).count());
    curl_easy_setopt(handle, CURLOPT_URL, settings.url.c_str());
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    Status result = gateway_outcome(curl_easy_perform(handle), curl);
    curl.clear_options();  // drop the pointers into this request before its buffers go; the connection stays
    return result;
  }
};

SmsGateway::SmsGateway(SmsSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}

SmsGateway::~SmsGateway() = default;

Status SmsGateway::send(const Envelope& envelope) {
  if (has_control_character(impl_->settings.token))
    return Error::unavailable("sms gateway: the configured token holds a control character");
  if (Status well_formed = check_sms_envelope(envelope); !well_formed.ok()) return well_formed;
  return impl_->deliver(envelope);
}

// ---- sms_parts --------------------------------------------------------------------------------------------

namespace {

constexpr char32_t replacement_character = 0xFFFD;

// One code point from the front of `text`, consuming it; malformed UTF-8 yields U+FFFD for one byte.
char32_t next_code_point(std::string_view& text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(0);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || length > text.size()) {
    text.remove_prefix(1);
    return replacement_character;
  }
  char32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) {
      text.remove_prefix(1);
      return replacement_character;
    }
    code = (code << 6) | (byte(i) & 0x3F);
  }
  text.remove_prefix(length);
  return code;
}

// GSM 03.38 default alphabet (one septet each) and its extension table (escape + septet: two each).
constexpr std::u32string_view gsm_basic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
constexpr std::u32string_view gsm_extension = U"\f^{}\\[~]|€";

// Septets per character in GSM 03.38, or 0 when the character is outside it.
int gsm_septets(char32_t c) {
  if (gsm_basic.find(c) != std::u32string_view::npos) return 1;
  if (gsm_extension.find(c) != std::u32string_view::npos) return 2;
  return 0;
}

int utf16_units(char32_t c) { return c > 0xFFFF ? 2 : 1; }

// Parts needed for characters of the given widths: one part if all fit in `single`, else parts of `part`
// units each, a character never split between two parts (as phones and gateways do).
int parts_for(const std::vector<int>& widths, int single, int part) {
  int total = 0;
  for (int w : widths) total += w;
  if (total <= single) return 1;
  int parts = 1, used = 0;
  for (int w : widths) {
    if (used + w > part) {
      ++parts;
      used = 0;
    }
    used += w;
  }
  return parts;
}

}  // namespace

int sms_parts(const std::string& utf8_text) {
  if (utf8_text.empty()) return 0;
  std::vector<char32_t> characters;
  for (std::string_view rest = utf8_text; !rest.empty();) characters.push_back(next_code_point(rest));
  std::vector<int> septets, units;
  bool all_gsm = true;
  for (char32_t c : characters) {
    int width = gsm_septets(c);
    all_gsm = all_gsm && width > 0;
    septets.push_back(width);
    units.push_back(utf16_units(c));
  }
  return all_gsm ? parts_for(septets, 160, 153) : parts_for(units, 70, 67);
}

}  // namespace sportello
