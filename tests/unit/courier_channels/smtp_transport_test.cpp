// SmtpTransport against a real SMTP server (tests/support/smtp_sink.py): what arrives, how failures are
// classified, and that nothing malformed reaches the network.
#include "courier/channels/smtp_transport.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "support/sinks.h"

namespace sportello {
namespace {

using testing::parse_mail;
using testing::SmtpSink;

SmtpSettings smtp_settings_for(const std::string& url) {
  SmtpSettings settings;
  settings.url = url;
  settings.tls = SmtpSettings::Tls::starttls_if_offered;  // the sink offers no STARTTLS
  settings.from_address = "noreply@pin.example.it";
  settings.from_name = "Servizio PIN";
  settings.timeout = std::chrono::seconds(10);
  return settings;
}

Envelope pin_notice(const std::string& id = "<outbox.42.9f3a1c@sportello.invalid>") {
  Envelope envelope;
  envelope.message_id = id;
  envelope.to = "mario.rossi@example.it";
  envelope.subject = "Richiesta PIN: è arrivata la prima metà";
  envelope.text = "Gentile Mario Rossi,\nla prima metà del PIN è 4821 9037.\nCordiali saluti — Servizio PIN\n";
  envelope.html = "<p>Gentile Mario Rossi,</p><p>la prima metà del PIN è <b>4821 9037</b>.</p>";
  return envelope;
}

// The header block of a raw message, up to the first empty line.
std::string header_block(const std::string& raw) { return raw.substr(0, raw.find("\r\n\r\n")); }

// Every "=?...?=" encoded-word in `headers`.
std::vector<std::string> encoded_words(const std::string& headers) {
  std::vector<std::string> words;
  for (std::size_t start = headers.find("=?"); start != std::string::npos; start = headers.find("=?", start)) {
    std::size_t end = headers.find("?=", start + 2);
    while (end != std::string::npos && std::count(headers.begin() + start, headers.begin() + end, '?') < 3)
      end = headers.find("?=", end + 2);
    if (end == std::string::npos) break;
    words.push_back(headers.substr(start, end + 2 - start));
    start = end + 2;
  }
  return words;
}

bool is_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

TEST(SmtpTransport, DeliversUtf8TextAndHtmlWithEncodedSubjectAndTheEnvelopesMessageId) {
  SmtpSink sink = SmtpSink::start();
  SmtpTransport transport(smtp_settings_for(sink.url()));
  const Envelope envelope = pin_notice();

  const Status sent = transport.send(envelope);
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  ASSERT_TRUE(sink.wait_for(1));

  const std::string raw = sink.messages().at(0);
  EXPECT_TRUE(is_ascii(header_block(raw))) << header_block(raw);
  EXPECT_NE(header_block(raw).find("Subject: =?UTF-8?B?"), std::string::npos);
  const testing::ParsedMail mail = parse_mail(raw);
  EXPECT_TRUE(mail.defects.empty()) << mail.defects.front();
  EXPECT_EQ(mail.subject, envelope.subject);
  EXPECT_EQ(mail.to, envelope.to);
  EXPECT_EQ(mail.from_name, "Servizio PIN");
  EXPECT_EQ(mail.from_address, "noreply@pin.example.it");
  EXPECT_EQ(mail.message_id, envelope.message_id);
  EXPECT_EQ(mail.content_type, "multipart/alternative");
  EXPECT_EQ(mail.text, envelope.text);
  EXPECT_EQ(mail.html, envelope.html);
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_NEAR(static_cast<double>(mail.date_epoch), static_cast<double>(now), 120.0);

  const boost::json::value entry = boost::json::parse(sink.index().at(0));
  EXPECT_EQ(entry.at("mail_from").as_string(), "noreply@pin.example.it");
  EXPECT_EQ(entry.at("rcpt_tos").as_array().at(0).as_string(), "mario.rossi@example.it");
  EXPECT_EQ(entry.at("message_id").as_string(), envelope.message_id);
}

TEST(SmtpTransport, TextOnlyMessageHasNoHtmlPart) {
  SmtpSink sink = SmtpSink::start();
  SmtpTransport transport(smtp_settings_for(sink.url()));
  Envelope envelope = pin_notice();
  envelope.html.clear();

  ASSERT_TRUE(transport.send(envelope).ok());
  ASSERT_TRUE(sink.wait_for(1));

  const testing::ParsedMail mail = parse_mail(sink.messages().at(0));
  EXPECT_EQ(mail.text, envelope.text);
  EXPECT_EQ(mail.html, "");
  EXPECT_EQ(sink.messages().at(0).find("text/html"), std::string::npos);
}

// Python's address parser puts a space between the encoded-words of a split display name (RFC 2047 §6.2 says
// to drop it), so the sender name here fits one word; the long subject exercises the splitting.
TEST(SmtpTransport, LongSubjectIsSplitIntoShortEncodedWordsOnCharacterBoundaries) {
  SmtpSink sink = SmtpSink::start();
  SmtpSettings settings = smtp_settings_for(sink.url());
  settings.from_name = "Società Servizi — PIN";
  SmtpTransport transport(settings);
  Envelope envelope = pin_notice();
  envelope.subject.clear();
  for (int i = 0; i < 12; ++i) envelope.subject += "Perché è già là: più città ";  // 2-byte letters everywhere

  ASSERT_TRUE(transport.send(envelope).ok());
  ASSERT_TRUE(sink.wait_for(1));

  const std::string raw = sink.messages().at(0);
  const std::vector<std::string> words = encoded_words(header_block(raw));
  ASSERT_GT(words.size(), 5u);
  for (const std::string& word : words) EXPECT_LE(word.size(), 75u) << word;
  const testing::ParsedMail mail = parse_mail(raw);
  EXPECT_TRUE(mail.defects.empty()) << mail.defects.front();
  EXPECT_EQ(mail.subject, envelope.subject);
  EXPECT_EQ(mail.from_name, settings.from_name);
}

TEST(SmtpTransport, FiftySequentialSendsAllArriveOnOneConnection) {
  SmtpSink sink = SmtpSink::start();
  SmtpTransport transport(smtp_settings_for(sink.url()));
  for (int i = 0; i < 50; ++i) {
    const Status sent = transport.send(pin_notice("<outbox." + std::to_string(i) + "@sportello.invalid>"));
    ASSERT_TRUE(sent.ok()) << i << ": " << sent.error().message;
  }
  ASSERT_TRUE(sink.wait_for(50));

  std::set<std::string> peers, ids;
  for (const std::string& line : sink.index()) {
    const boost::json::value entry = boost::json::parse(line);
    peers.insert(std::string(entry.at("peer").as_string()));
    ids.insert(std::string(entry.at("message_id").as_string()));
  }
  EXPECT_EQ(ids.size(), 50u);
  EXPECT_EQ(peers.size(), 1u) << "each send opened a new connection";
}

TEST(SmtpTransport, NothingListeningIsUnavailable) {
  SmtpTransport transport(smtp_settings_for("smtp://127.0.0.1:" + std::to_string(testing::unused_loopback_port())));
  const Status sent = transport.send(pin_notice());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::unavailable);
}

TEST(SmtpTransport, RecipientRefusedWith5xxIsPermanentAndTheErrorHoldsNoMessageText) {
  SmtpSink sink = SmtpSink::start({"--reject-all"});
  SmtpTransport transport(smtp_settings_for(sink.url()));
  const Envelope envelope = pin_notice();

  const Status sent = transport.send(envelope);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::invalid_input);
  EXPECT_EQ(sent.error().code, "smtp-rejected");
  EXPECT_NE(sent.error().message.find("550"), std::string::npos) << sent.error().message;
  EXPECT_EQ(sent.error().message.find("4821"), std::string::npos) << sent.error().message;
  EXPECT_EQ(sent.error().message.find("prima"), std::string::npos) << sent.error().message;
  EXPECT_TRUE(sink.messages().empty());
}

TEST(SmtpTransport, TemporaryRefusalIsUnavailableAndTheNextTryIsDelivered) {
  SmtpSink sink = SmtpSink::start({"--fail-first", "1"});
  SmtpTransport transport(smtp_settings_for(sink.url()));

  const Status first = transport.send(pin_notice());
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().kind, ErrorKind::unavailable);
  const Status second = transport.send(pin_notice());
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_TRUE(sink.wait_for(1));
  EXPECT_EQ(sink.messages().size(), 1u);
}

TEST(SmtpTransport, RequiredStarttlsWithAServerThatOffersNoneIsUnavailableAndSendsNothing) {
  SmtpSink sink = SmtpSink::start();
  SmtpSettings settings = smtp_settings_for(sink.url());
  settings.tls = SmtpSettings::Tls::starttls_required;
  SmtpTransport transport(settings);

  const Status sent = transport.send(pin_notice());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::unavailable);
  EXPECT_TRUE(sink.messages().empty());
}

TEST(SmtpTransport, LoginIsSentAndARefusedLoginIsUnavailableNotPermanent) {
  SmtpSink sink = SmtpSink::start({"--auth", "sportello:s3gr3t0-di-prova"});
  SmtpSettings settings = smtp_settings_for(sink.url());
  settings.tls = SmtpSettings::Tls::none;  // the sink offers no TLS; with a login, if_offered would require it
  settings.username = "sportello";

  settings.password = "s3gr3t0-di-prova";
  const Status right = SmtpTransport(settings).send(pin_notice());
  ASSERT_TRUE(right.ok()) << right.error().message;
  ASSERT_TRUE(sink.wait_for(1));

  settings.password = "sbagliata-di-prova";
  const Status wrong = SmtpTransport(settings).send(pin_notice());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(wrong.error().code, "smtp-login-denied");
  EXPECT_EQ(wrong.error().message.find("sbagliata"), std::string::npos) << wrong.error().message;

  settings.username.clear();
  const Status none = SmtpTransport(settings).send(pin_notice());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::unavailable) << none.error().message;
  EXPECT_EQ(sink.messages().size(), 1u);
}

TEST(SmtpTransport, LoginWithOpportunisticStarttlsRequiresTlsAndSendsNothingWithoutIt) {
  SmtpSink sink = SmtpSink::start({"--auth", "sportello:s3gr3t0-di-prova"});
  SmtpSettings settings = smtp_settings_for(sink.url());
  settings.tls = SmtpSettings::Tls::starttls_if_offered;
  settings.username = "sportello";
  settings.password = "s3gr3t0-di-prova";

  const Status sent = SmtpTransport(settings).send(pin_notice());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::unavailable);
  EXPECT_TRUE(sink.messages().empty());
}

// A row: how the envelope is spoiled, and the field the refusal names.
struct MalformedRow {
  const char* what;
  void (*spoil)(Envelope&);
  const char* field;
};

TEST(SmtpTransport, MalformedEnvelopeIsRefusedBeforeAnyConnection) {
  const MalformedRow rows[] = {
      {"empty text", [](Envelope& e) { e.text.clear(); }, "text"},
      {"recipient without @", [](Envelope& e) { e.to = "mario.rossi.example.it"; }, "to"},
      {"empty recipient", [](Envelope& e) { e.to.clear(); }, "to"},
      {"CR LF in recipient", [](Envelope& e) { e.to = "mario@example.it\r\nBcc: x@evil.test"; }, "to"},
      {"angle bracket in recipient", [](Envelope& e) { e.to = "mario@example.it>"; }, "to"},
      {"LF in subject", [](Envelope& e) { e.subject = "PIN\nBcc: x@evil.test"; }, "subject"},
      {"empty message id", [](Envelope& e) { e.message_id.clear(); }, "message_id"},
      {"CR in message id", [](Envelope& e) { e.message_id = "<a@b>\rX: y"; }, "message_id"},
  };
  // Nothing listens there: reaching the network would answer unavailable, not invalid_input.
  SmtpTransport transport(smtp_settings_for("smtp://127.0.0.1:" + std::to_string(testing::unused_loopback_port())));
  for (const MalformedRow& row : rows) {
    Envelope envelope = pin_notice();
    row.spoil(envelope);
    const Status sent = transport.send(envelope);
    ASSERT_FALSE(sent.ok()) << row.what;
    EXPECT_EQ(sent.error().kind, ErrorKind::invalid_input) << row.what << ": " << sent.error().message;
    EXPECT_EQ(sent.error().field, row.field) << row.what;
  }
}

}  // namespace
}  // namespace sportello
