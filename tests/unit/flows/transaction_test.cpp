// Issue 2: each flow step is one transaction — a failure injected half-way leaves nothing written — and
// every state change leaves an audit row in a chain that verifies.
#include <gtest/gtest.h>

#include "core/store_failure.h"
#include "flows/revoke_pin.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

// Outbox that fails on the first enqueue: the flow has by then written citizen and credential rows.
class FailingOutbox final : public OutboxRepository {
 public:
  bool enqueue(const OutboxMessage&) override { throw StoreFailure("injected: outbox write failed"); }
  std::vector<OutboxMessage> list(const OutboxFilter&) override { return {}; }
  // The courier's side is not used by these flows.
  std::optional<OutboxMessage> find(std::int64_t) override { return unused<std::optional<OutboxMessage>>(); }
  int count(MessageStatus) override { return unused<int>(); }
  std::vector<OutboxMessage> claim_due(const std::string&, Instant, Instant, int) override {
    return unused<std::vector<OutboxMessage>>();
  }
  void set_message_id(std::int64_t, const std::string&) override { unused<bool>(); }
  bool mark_sent(std::int64_t, const std::string&, Instant) override { return unused<bool>(); }
  bool mark_retry(std::int64_t, const std::string&, const std::string&, Instant) override { return unused<bool>(); }
  bool mark_failed(std::int64_t, const std::string&, const std::string&) override { return unused<bool>(); }
  bool retry_failed(std::int64_t, Instant) override { return unused<bool>(); }
  std::vector<OutboxMessage> pending_letters(int) override { return unused<std::vector<OutboxMessage>>(); }
  int count_letters_to(const std::string&, Instant) override { return unused<int>(); }
  void mark_printed(std::int64_t, const std::string&, Instant) override { unused<bool>(); }
  void mark_unprintable(std::int64_t, const std::string&) override { unused<bool>(); }
  void add_batch(const LetterBatch&) override { unused<bool>(); }
  std::optional<LetterBatch> find_batch(const std::string&) override { return unused<std::optional<LetterBatch>>(); }
  std::vector<LetterBatch> batches(int) override { return unused<std::vector<LetterBatch>>(); }
  void mark_handed_over(const std::string&, Instant) override { unused<bool>(); }

 private:
  template <typename T>
  static T unused() { throw StoreFailure("not used by this test"); }
};

// Repositories that pass everything to the real ones except the outbox.
class WithFailingOutbox final : public Repositories {
 public:
  explicit WithFailingOutbox(Repositories& real) : real_(real) {}
  CitizenRepository& citizens() override { return real_.citizens(); }
  CredentialRepository& credentials() override { return real_.credentials(); }
  LockoutRepository& lockouts() override { return real_.lockouts(); }
  AllowanceRepository& allowances() override { return real_.allowances(); }
  federation::PendingLoginRepository& pending_logins() override { return real_.pending_logins(); }
  RecoveryRepository& recoveries() override { return real_.recoveries(); }
  ContactVerificationRepository& contact_verifications() override { return real_.contact_verifications(); }
  DispositivoRequestRepository& dispositivo_requests() override { return real_.dispositivo_requests(); }
  SessionRepository& sessions() override { return real_.sessions(); }
  StaffRepository& staff() override { return real_.staff(); }
  OutboxRepository& outbox() override { return failing_; }
  AuditLog& audit() override { return real_.audit(); }
  ContributionRepository& contributions() override { return real_.contributions(); }
  CertificazioneUnicaRepository& certificazioni() override { return real_.certificazioni(); }
  PensionSlipRepository& pension_slips() override { return real_.pension_slips(); }
  ImportRepository& imports() override { return real_.imports(); }
  ApplicationRepository& applications() override { return real_.applications(); }
  OrganisationRepository& organisations() override { return real_.organisations(); }
  MandateRepository& mandates() override { return real_.mandates(); }
  BulkEnrolmentRepository& bulk_enrolment() override { return real_.bulk_enrolment(); }

 private:
  Repositories& real_;
  FailingOutbox failing_;
};

class FailingStore final : public UnitOfWork {
 public:
  explicit FailingStore(UnitOfWork& real) : real_(real) {}
  Status run(const Work& work) override {
    return real_.run([&](Repositories& repos) {
      WithFailingOutbox wrapped(repos);
      return work(wrapped);
    });
  }

 private:
  UnitOfWork& real_;
};

class Transactions : public AppFixture {
 protected:
  long long rows_in(const std::string& table) {
    long long count = -1;
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      if (table == "audit") count = static_cast<long long>(repos.audit().read(1, 100000).size());
      if (table == "outbox") count = static_cast<long long>(repos.outbox().list({std::nullopt, std::nullopt, 100000}).size());
      return Ok{};
    }).ok());
    return count;
  }
};

TEST_F(Transactions, AFailureHalfWayThroughARequestLeavesNothingWritten) {
  FailingStore failing(ctx().store);
  FlowContext broken{failing, ctx().clock, ctx().hasher, ctx().box, ctx().places, ctx().policies};
  const ApplicantInput who = mario(ctx().places);
  auto result = RequestPinOnline(broken).run(who);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::unavailable);
  bool citizen_exists = true;
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
    citizen_exists = repos.citizens().find_by_codice_fiscale(who.codice_fiscale).has_value();
    return Ok{};
  }).ok());
  EXPECT_FALSE(citizen_exists);
  EXPECT_EQ(rows_in("audit"), 0);
  EXPECT_EQ(rows_in("outbox"), 0);
  EXPECT_TRUE(RequestPinOnline(ctx()).run(who).ok());  // the real store still works
}

TEST_F(Transactions, AFailureHalfWayThroughAConfirmationKeepsTheRequestWaiting) {
  const ApplicantInput who = mario(ctx().places);
  ASSERT_TRUE(RequestPinOnline(ctx()).run(who).ok());
  FailingStore failing(ctx().store);
  FlowContext broken{failing, ctx().clock, ctx().hasher, ctx().box, ctx().places, ctx().policies};
  EXPECT_EQ(ReviewRequest(broken).confirm(kConsole, who.codice_fiscale).error().kind, ErrorKind::unavailable);
  const auto credential = credential_of(ctx(), who.codice_fiscale);
  EXPECT_EQ(credential->state, CredentialState::awaiting_confirmation);
  EXPECT_FALSE(credential->pending_half_sealed.empty());
}

TEST_F(Transactions, EveryStateChangeIsAuditedInAChainThatVerifies) {
  const ApplicantInput who = mario(ctx().places);
  OpenedSession s = active_holder(ctx(), who, "CASA2026");
  ASSERT_TRUE(RevokePin(ctx()).by_holder(s.session, Secret("CASA2026")).ok());
  std::vector<AuditEntry> rows;
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
    rows = repos.audit().read(1, 1000);
    return Ok{};
  }).ok());
  std::vector<std::string> actions;
  for (const AuditEntry& e : rows) actions.push_back(e.action);
  const std::vector<std::string> expected = {"pin.requested", "pin.request-confirmed", "pin.login", "pin.changed",
                                             "pin.revoked"};
  EXPECT_EQ(actions, expected);
  EXPECT_FALSE(first_broken_link(rows, app_->audit_key()).has_value());
  for (const AuditEntry& e : rows) EXPECT_EQ(e.details.find(who.codice_fiscale), std::string::npos);
}

}  // namespace
}  // namespace sportello::testing
