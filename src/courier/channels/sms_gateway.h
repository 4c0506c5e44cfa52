#pragma once
// SMS through an HTTP gateway with libcurl: POST of a JSON body {"to", "from", "text", "reference"} to the
// configured URL with `Authorization: Bearer <token>` and `Idempotency-Key: <message id>`, so a gateway
// that saw the key already does not send twice. 2xx is delivered; 4xx other than 408/429 is permanent
// (invalid_input); anything else (cannot connect, time-out, 408, 429, 5xx) is unavailable, worth a retry.
// Not thread-safe: one per thread.
#include <chrono>
#include <memory>
#include <string>

#include "courier/channels/transport.h"

namespace sportello {

struct SmsSettings {
  std::string url = "http://127.0.0.1:9090/sms";
  std::string token;                // bearer token; empty: no Authorization header
  std::string sender = "INPS-PIN";  // the alphanumeric sender shown on the phone (max 11 characters)
  std::chrono::seconds timeout{15};
};

class SmsGateway final : public Transport {
 public:
  explicit SmsGateway(SmsSettings settings);
  ~SmsGateway() override;
  // A refusal by the gateway is invalid_input with code "sms-rejected". A recipient not in E.164 form
  // ("+" and 8 to 15 digits) or an empty text is invalid_input before any connection.
  Status send(const Envelope& envelope) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// How many SMS parts `text` needs: GSM 03.38 (160 per single, 153 per part) unless a character is
// outside it, then UCS-2 (70, 67). Accented Italian letters èéùìò à are in GSM 03.38 (È À Ì Ò Ù
// and the typographic apostrophe ’ are not); ^{}\[~]|€ take two septets. Characters outside the BMP (emoji)
// take two UCS-2 units. A character is never split between parts. An empty text needs 0.
int sms_parts(const std::string& utf8_text);

}  // namespace sportello
