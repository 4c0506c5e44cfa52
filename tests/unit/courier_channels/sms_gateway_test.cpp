// SmsGateway against a real HTTP server (tests/support/http_sink.py): the request the gateway receives, how
// its answers are classified, that nothing malformed reaches the network; and sms_parts as a table.
#include "courier/channels/sms_gateway.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <string>

#include "support/sinks.h"

namespace sportello {
namespace {

using testing::HttpSink;

SmsSettings sms_settings_for(const std::string& url, const std::string& token = "tok-3f9a") {
  SmsSettings settings;
  settings.url = url;
  settings.token = token;
  settings.sender = "INPS-PIN";
  settings.timeout = std::chrono::seconds(10);
  return settings;
}

Envelope pin_sms() {
  Envelope envelope;
  envelope.message_id = "<outbox.7.c0ffee@sportello.invalid>";
  envelope.to = "+393331234567";
  envelope.text = "INPS: la seconda metà del PIN è 5521 0937. Non comunicarla a nessuno.";
  return envelope;
}

boost::json::value only_request(const HttpSink& sink) {
  EXPECT_TRUE(sink.wait_for(1));
  const std::vector<std::string> requests = sink.requests();
  EXPECT_EQ(requests.size(), 1u);
  return boost::json::parse(requests.at(0));
}

TEST(SmsGateway, PostsJsonWithBearerTokenAndTheMessageIdAsIdempotencyKey) {
  HttpSink sink = HttpSink::start();
  SmsGateway gateway(sms_settings_for(sink.url("/v1/sms")));
  const Envelope envelope = pin_sms();

  const Status sent = gateway.send(envelope);
  ASSERT_TRUE(sent.ok()) << sent.error().message;

  const boost::json::value request = only_request(sink);
  EXPECT_EQ(request.at("path").as_string(), "/v1/sms");
  const boost::json::object& headers = request.at("headers").as_object();
  EXPECT_EQ(headers.at("authorization").as_string(), "Bearer tok-3f9a");
  EXPECT_EQ(headers.at("idempotency-key").as_string(), envelope.message_id);
  EXPECT_EQ(headers.at("content-type").as_string(), "application/json");
  const boost::json::object& body = request.at("body").as_object();
  EXPECT_EQ(body.at("to").as_string(), envelope.to);
  EXPECT_EQ(body.at("from").as_string(), "INPS-PIN");
  EXPECT_EQ(body.at("text").as_string(), envelope.text);
  EXPECT_EQ(body.at("reference").as_string(), envelope.message_id);
}

TEST(SmsGateway, WithoutTokenSendsNoAuthorizationHeader) {
  HttpSink sink = HttpSink::start();
  SmsGateway gateway(sms_settings_for(sink.url(), ""));

  ASSERT_TRUE(gateway.send(pin_sms()).ok());

  const boost::json::value request = only_request(sink);
  EXPECT_FALSE(request.at("headers").as_object().contains("authorization"));
}

// A row: the gateway's HTTP status, and whether the send succeeds or fails for good or for now.
struct StatusRow {
  const char* status;
  bool delivered;
  ErrorKind kind;  // when not delivered
};

TEST(SmsGateway, TwoHundredsDeliverFourHundredsArePermanentExceptTimeoutAndSlowDown) {
  const StatusRow rows[] = {
      {"200", true, {}},
      {"202", true, {}},
      {"400", false, ErrorKind::invalid_input},
      {"404", false, ErrorKind::invalid_input},
      {"422", false, ErrorKind::invalid_input},
      {"408", false, ErrorKind::unavailable},
      {"429", false, ErrorKind::unavailable},
      {"500", false, ErrorKind::unavailable},
      {"503", false, ErrorKind::unavailable},
  };
  for (const StatusRow& row : rows) {
    HttpSink sink = HttpSink::start({"--status", row.status});
    SmsGateway gateway(sms_settings_for(sink.url()));
    const Status sent = gateway.send(pin_sms());
    ASSERT_EQ(sent.ok(), row.delivered) << "HTTP " << row.status;
    if (row.delivered) continue;
    EXPECT_EQ(sent.error().kind, row.kind) << "HTTP " << row.status;
    if (row.kind == ErrorKind::invalid_input) {
      EXPECT_EQ(sent.error().code, "sms-rejected");
    }
    EXPECT_NE(sent.error().message.find(row.status), std::string::npos) << sent.error().message;
    EXPECT_EQ(sent.error().message.find("5521"), std::string::npos) << sent.error().message;
    EXPECT_EQ(sent.error().message.find("tok-3f9a"), std::string::npos) << sent.error().message;
  }
}

TEST(SmsGateway, UnavailableFirstThenDeliveredOnRetryWithTheSameIdempotencyKey) {
  HttpSink sink = HttpSink::start({"--fail-first", "1"});
  SmsGateway gateway(sms_settings_for(sink.url()));

  const Status first = gateway.send(pin_sms());
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().kind, ErrorKind::unavailable);
  ASSERT_TRUE(gateway.send(pin_sms()).ok());

  ASSERT_TRUE(sink.wait_for(2));
  const std::vector<std::string> requests = sink.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(boost::json::parse(requests[0]).at("headers").at("idempotency-key"),
            boost::json::parse(requests[1]).at("headers").at("idempotency-key"));
}

TEST(SmsGateway, NothingListeningIsUnavailable) {
  SmsGateway gateway(sms_settings_for("http://127.0.0.1:" + std::to_string(testing::unused_loopback_port()) + "/sms"));
  const Status sent = gateway.send(pin_sms());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::unavailable);
}

TEST(SmsGateway, RecipientNotInE164OrEmptyTextIsRefusedBeforeAnyConnection) {
  const char* numbers[] = {"3331234567", "+39 333 1234567", "+39333abc4567", "+1234567", "+1234567890123456",
                           "", "+", "0039333123456"};
  // Nothing listens there: reaching the network would answer unavailable, not invalid_input.
  SmsGateway gateway(sms_settings_for("http://127.0.0.1:" + std::to_string(testing::unused_loopback_port()) + "/sms"));
  for (const char* number : numbers) {
    Envelope envelope = pin_sms();
    envelope.to = number;
    const Status sent = gateway.send(envelope);
    ASSERT_FALSE(sent.ok()) << number;
    EXPECT_EQ(sent.error().kind, ErrorKind::invalid_input) << number;
    EXPECT_EQ(sent.error().field, "to") << number;
  }
  Envelope empty = pin_sms();
  empty.text.clear();
  const Status sent = gateway.send(empty);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::invalid_input);
  EXPECT_EQ(sent.error().field, "text");
}

// A row: the text, and the parts it needs.
struct PartsRow {
  const char* what;
  std::string text;
  int parts;
};

std::string repeated(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(SmsParts, GsmUpTo160Then153PerPartOtherwiseUcs2UpTo70Then67) {
  const PartsRow rows[] = {
      {"empty", "", 0},
      {"one letter", "a", 1},
      {"160 ASCII", repeated("a", 160), 1},
      {"161 ASCII", repeated("a", 161), 2},
      {"306 ASCII", repeated("a", 306), 2},
      {"307 ASCII", repeated("a", 307), 3},
      {"160 accented Italian letters stay GSM", repeated("àèéìòù", 26) + "àèéì", 1},
      {"Italian sentence", "La seconda metà del PIN è arrivata: più sicurezza, perché così è già attivo.", 1},
      {"80 euro signs are 160 septets", repeated("€", 80), 1},
      {"81 euro signs are 162 septets", repeated("€", 81), 2},
      {"159 ASCII and one brace", repeated("a", 159) + "{", 2},
      {"an escape pair is not split", repeated("a", 152) + "€" + repeated("a", 10), 2},
      {"an escape pair moves to the next part", repeated("a", 152) + "€" + repeated("a", 152), 3},
      {"70 letters and an emoji", repeated("a", 68) + "😀", 1},
      {"an emoji forces UCS-2", repeated("a", 69) + "😀", 2},
      {"capital È is not GSM", "È arrivata", 1},
      {"capital È with 70 more letters", "È" + repeated("a", 70), 2},
      {"typographic apostrophe is not GSM", "L’INPS" + repeated("a", 65), 2},
      {"134 UCS-2 units", "È" + repeated("a", 133), 2},
      {"135 UCS-2 units", "È" + repeated("a", 134), 3},
      {"malformed UTF-8 counts as UCS-2", repeated("a", 70) + "\xff", 2},
  };
  for (const PartsRow& row : rows) EXPECT_EQ(sms_parts(row.text), row.parts) << row.what;
}

}  // namespace
}  // namespace sportello
