// Issue 4: the courier's delivery step and the letters channel, over the real SQLite store, with a
// recording transport in place of the network (the SMTP and SMS transports have their own tests against
// real servers, and the end-to-end tests run the whole chain).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "courier/message_catalog.h"
#include "flows/deliver_messages.h"
#include "flows/print_letters.h"
#include "flows/request_pin.h"
#include "flows/review_request.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

// Records what it is given; fails the first `failures` sends (transiently, or for good when `permanent`).
class RecordingTransport final : public Transport {
 public:
  Status send(const Envelope& envelope) override {
    ++calls;
    if (failures > 0) {
      --failures;
      if (permanent) return Error::invalid("smtp-rejected", "550 no such mailbox");
      return Error::unavailable("connection refused");
    }
    sent.push_back(envelope);
    return Ok{};
  }
  int failures = 0;
  bool permanent = false;
  int calls = 0;
  std::vector<Envelope> sent;
};

class CourierTest : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    auto built = MessageCatalog::builtin();
    ASSERT_TRUE(built.ok()) << built.error().message;
    catalog_ = *built;
    policy_.backoff_base = Seconds{30};
    policy_.backoff_max = Seconds{600};
    policy_.max_attempts = 3;
    policy_.lease = Seconds{60};
    policy_.site = "https://pin.example.it";
  }

  DeliverMessages courier(const std::string& owner = "test-courier") {
    return DeliverMessages(ctx(), *catalog_, {&email_, &pec_, &sms_}, policy_, owner);
  }

  DeliveryReport run(const std::string& owner = "test-courier") {
    auto report = courier(owner).run_once();
    EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message);
    return report.ok() ? *report : DeliveryReport{};
  }

  OutboxMessage reread(std::int64_t id) {
    std::optional<OutboxMessage> found;
    EXPECT_TRUE(ctx().store.read([&](Repositories& repos) -> Status {
      found = repos.outbox().find(id);
      return Ok{};
    }).ok());
    return found.value_or(OutboxMessage{});
  }

  // Giulia has no mobile: her first half goes by e-mail.
  OutboxMessage request_for_giulia() {
    auto taken = RequestPinOnline(ctx()).run(giulia(ctx().places));
    EXPECT_TRUE(taken.ok());
    return last_message(ctx(), "pin_first_half");
  }

  std::shared_ptr<const MessageCatalog> catalog_;
  CourierPolicy policy_;
  RecordingTransport email_, pec_, sms_;
};

TEST_F(CourierTest, TheFirstHalfGoesOutOnceWithAStableMessageIdAndItsSecretIsThenErased) {
  const OutboxMessage queued = request_for_giulia();
  const std::string half = secret_in(ctx(), queued);
  const DeliveryReport report = run();
  EXPECT_EQ(report.sent, 1);
  ASSERT_EQ(email_.sent.size(), 1u);
  const Envelope& e = email_.sent.front();
  EXPECT_EQ(e.to, "giulia@example.it");
  EXPECT_EQ(e.subject, "Richiesta PIN: la prima metà del suo PIN");
  EXPECT_NE(e.text.find("La prima metà del suo PIN è: " + half), std::string::npos) << e.text;
  EXPECT_NE(e.html.find(half), std::string::npos);
  EXPECT_EQ(e.message_id, message_id_for(queued, policy_.message_id_domain));
  EXPECT_TRUE(e.message_id.starts_with("<outbox." + std::to_string(queued.id) + "."));
  const OutboxMessage after = reread(queued.id);
  EXPECT_EQ(after.status, MessageStatus::sent);
  EXPECT_TRUE(after.secret_sealed.empty());
  EXPECT_EQ(after.message_id, e.message_id);
  EXPECT_TRUE(after.sent_at.has_value());
  EXPECT_EQ(run().claimed, 0) << "a sent message is never claimed again";
  EXPECT_EQ(email_.calls, 1);
}

TEST_F(CourierTest, AMobileNumberGetsTheFirstHalfBySmsInOneShortText) {
  auto taken = RequestPinOnline(ctx()).run(mario(ctx().places));
  ASSERT_TRUE(taken.ok());
  run();
  ASSERT_EQ(sms_.sent.size(), 1u);
  EXPECT_TRUE(email_.sent.empty());
  EXPECT_EQ(sms_.sent.front().to, "+393331234567");
  EXPECT_LE(sms_.sent.front().text.size(), 160u);
  EXPECT_TRUE(sms_.sent.front().subject.empty());
}

TEST_F(CourierTest, ATransientFailureWaitsItsBackOffAndIsSentAtTheNextDueRound) {
  const OutboxMessage queued = request_for_giulia();
  email_.failures = 1;
  EXPECT_EQ(run().retrying, 1);
  OutboxMessage waiting = reread(queued.id);
  EXPECT_EQ(waiting.status, MessageStatus::pending);
  EXPECT_EQ(waiting.attempts, 1);
  EXPECT_NE(waiting.last_error.find("connection refused"), std::string::npos);
  EXPECT_GE(waiting.next_attempt_at, now() + Seconds{15});
  EXPECT_LE(waiting.next_attempt_at, now() + Seconds{30});
  EXPECT_EQ(run().claimed, 0) << "not due yet";
  clock().advance(Seconds{31});
  EXPECT_EQ(run().sent, 1);
  EXPECT_EQ(reread(queued.id).status, MessageStatus::sent);
  EXPECT_EQ(email_.sent.size(), 1u);
}

TEST_F(CourierTest, AfterTheLastAttemptTheMessageIsFailedAndAnOperatorRetryDeliversIt) {
  const OutboxMessage queued = request_for_giulia();
  email_.failures = 100;
  for (int attempt = 1; attempt <= policy_.max_attempts; ++attempt) {
    run();
    clock().advance(policy_.backoff_max);
  }
  OutboxMessage failed = reread(queued.id);
  EXPECT_EQ(failed.status, MessageStatus::failed);
  EXPECT_EQ(failed.attempts, policy_.max_attempts);
  EXPECT_FALSE(failed.secret_sealed.empty()) << "kept for a retry";
  EXPECT_EQ(run().claimed, 0);
  email_.failures = 0;
  bool retried = false;
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
    retried = repos.outbox().retry_failed(queued.id, now());
    return Ok{};
  }).ok());
  EXPECT_TRUE(retried);
  EXPECT_EQ(run().sent, 1);
  EXPECT_EQ(reread(queued.id).status, MessageStatus::sent);
}

TEST_F(CourierTest, APermanentRefusalFailsAtOnce) {
  const OutboxMessage queued = request_for_giulia();
  email_.failures = 1;
  email_.permanent = true;
  EXPECT_EQ(run().failed, 1);
  EXPECT_EQ(reread(queued.id).status, MessageStatus::failed);
  EXPECT_EQ(reread(queued.id).attempts, 1);
}

TEST_F(CourierTest, AClaimHoldsOffOtherCouriersUntilItsLeaseRunsOutThenTheSameMessageIdIsUsed) {
  const OutboxMessage queued = request_for_giulia();
  std::vector<OutboxMessage> first_claim;
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
    first_claim = repos.outbox().claim_due("crashed-courier", now(), now() + policy_.lease, 10);
    repos.outbox().set_message_id(queued.id, message_id_for(queued, policy_.message_id_domain));
    return Ok{};
  }).ok());
  ASSERT_EQ(first_claim.size(), 1u);
  EXPECT_EQ(run("other-courier").claimed, 0) << "leased to the crashed courier";
  clock().advance(policy_.lease + Seconds{1});
  EXPECT_EQ(run("other-courier").sent, 1);
  ASSERT_EQ(email_.sent.size(), 1u);
  EXPECT_EQ(email_.sent.front().message_id, message_id_for(queued, policy_.message_id_domain));
  EXPECT_EQ(reread(queued.id).attempts, 2);
  bool late = true;
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
    late = repos.outbox().mark_sent(queued.id, "crashed-courier", now());
    return Ok{};
  }).ok());
  EXPECT_FALSE(late) << "an outcome from a courier that lost its lease is ignored";
}

TEST_F(CourierTest, EveryMessageNeedsAConfiguredTransport) {
  request_for_giulia();
  auto report = DeliverMessages(ctx(), *catalog_, {nullptr, nullptr, &sms_}, policy_, "x").run_once();
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->failed, 1);
}

struct BackoffRow {
  int attempts;
  double jitter;
  long long seconds;
};

TEST(BackoffDelay, DoublesFromTheBaseUpToTheMaximumScaledByJitter) {
  CourierPolicy policy;
  policy.backoff_base = Seconds{30};
  policy.backoff_max = Seconds{3600};
  const BackoffRow rows[] = {{1, 1.0, 30},  {2, 1.0, 60},   {3, 1.0, 120},   {5, 1.0, 480},  {8, 1.0, 3600},
                             {40, 1.0, 3600}, {1, 0.5, 15}, {3, 0.75, 90}, {0, 1.0, 30}, {2, 0.1, 30}};
  for (const BackoffRow& row : rows)
    EXPECT_EQ(backoff_delay(policy, row.attempts, row.jitter).count(), row.seconds)
        << "attempts " << row.attempts << " jitter " << row.jitter;
}

class LettersTest : public CourierTest {
 protected:
  void SetUp() override {
    CourierTest::SetUp();
    spool_ = std::make_unique<PrintSpool>(dir_ / "letters", LetterHead{});
  }
  PrintLetters letters() { return PrintLetters(ctx(), *catalog_, *spool_, policy_); }
  std::unique_ptr<PrintSpool> spool_;
};

TEST_F(LettersTest, ClosingABatchPrintsEveryWaitingLetterOnceAndErasesTheirSecrets) {
  auto taken = RequestPinOnline(ctx()).run(giulia(ctx().places));
  ASSERT_TRUE(taken.ok());
  ASSERT_TRUE(ReviewRequest(ctx()).confirm(kConsole, giulia(ctx().places).codice_fiscale).ok());
  const OutboxMessage letter = last_message(ctx(), "pin_second_half_letter");
  EXPECT_EQ(letter.channel, Channel::letter);
  EXPECT_EQ(run().claimed, 1) << "the courier sends the e-mail, not the letter";
  auto batch = letters().close_batch(kConsole);
  ASSERT_TRUE(batch.ok()) << batch.error().message;
  ASSERT_TRUE(batch->has_value());
  const BatchSummary& summary = **batch;
  EXPECT_EQ(summary.batch, "20260131-0001");
  ASSERT_EQ(summary.rows.size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(summary.pdf));
  EXPECT_NE(summary.rows.front().address.find("Giulia Bianchi"), std::string::npos);
  const OutboxMessage printed = reread(letter.id);
  EXPECT_EQ(printed.status, MessageStatus::sent);
  EXPECT_EQ(printed.batch, "20260131-0001");
  EXPECT_TRUE(printed.secret_sealed.empty());
  auto again = letters().close_batch(kConsole);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value()) << "no letter waits any more";
  ASSERT_TRUE(letters().hand_over("20260131-0001", kConsole).ok());
  EXPECT_FALSE(std::filesystem::exists(summary.pdf));
  EXPECT_TRUE(std::filesystem::exists(summary.manifest));
  EXPECT_TRUE(letters().hand_over("20260131-0001", kConsole).ok()) << "repeating it is harmless";
  auto unknown = letters().hand_over("20260131-0099", kConsole);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "batch-not-found");
}

// Issue 15, crash safety: a writer killed (SIGKILL) while writing a batch, or between renaming it into place and
// recording it, leaves a folder under a name the records do not know. The next batch takes that name: what was
// left is removed and the letters, still waiting, are printed in it.
class KilledWriterTest : public LettersTest {
 protected:
  void closes_over(const std::filesystem::path& left) {
    const std::filesystem::path spool = dir_ / "letters";
    std::filesystem::create_directories(spool / left / "letters");
    std::ofstream(spool / left / "letters" / "L00000001.pdf") << "half-written";
    ASSERT_TRUE(RequestPinOnline(ctx()).run(giulia(ctx().places)).ok());
    ASSERT_TRUE(ReviewRequest(ctx()).confirm(kConsole, giulia(ctx().places).codice_fiscale).ok());
    const OutboxMessage letter = last_message(ctx(), "pin_second_half_letter");
    auto batch = letters().close_batch(kConsole);
    ASSERT_TRUE(batch.ok()) << batch.error().message;
    ASSERT_TRUE(batch->has_value());
    EXPECT_EQ((*batch)->batch, "20260131-0001");
    EXPECT_EQ((*batch)->rows.size(), 1u);
    EXPECT_EQ(reread(letter.id).batch, "20260131-0001");
    EXPECT_FALSE(std::filesystem::exists(spool / ".20260131-0001.partial"));
    EXPECT_FALSE(std::filesystem::exists(spool / "20260131-0001" / "letters" / "L00000001.pdf"));
  }
};

TEST_F(KilledWriterTest, APartialFolderLeftUnderTheNextNameIsRemoved) { closes_over(".20260131-0001.partial"); }

TEST_F(KilledWriterTest, ABatchWrittenButNotRecordedUnderTheNextNameIsReplaced) { closes_over("20260131-0001"); }

TEST(LetterTexts, TheDeadlineIsTheConfiguredActivationWindow) {
  auto catalog = MessageCatalog::builtin();
  ASSERT_TRUE(catalog.ok());
  auto box = SecretBox::from_key(std::string(32, 'k'));
  ASSERT_TRUE(box.ok());
  OutboxMessage letter;
  letter.template_name = "pin_second_half_letter";
  letter.params = {{"name", "Anna"}, {"lang", "it"}};
  CourierPolicy policy;
  policy.activation_days = 60;
  auto content = message_content(letter, *box, **catalog, policy, true);
  ASSERT_TRUE(content.ok()) << content.error().message;
  EXPECT_NE(content->rendered.text.find("entro 60 giorni"), std::string::npos) << content->rendered.text;
  EXPECT_EQ(content->rendered.text.find("90 giorni"), std::string::npos);
}

TEST(LetterDate, IsWrittenInRomeInTheReadersLanguage) {
  const Instant late_evening = Instant{std::chrono::sys_days{std::chrono::year{2026} / 12 / 31}} + Hours{23} + Minutes{30};
  EXPECT_EQ(letter_date(late_evening, "it"), "Roma, 1 gennaio 2027");
  EXPECT_EQ(letter_date(late_evening, "en"), "Rome, 1 January 2027");
}

}  // namespace
}  // namespace sportello::testing
