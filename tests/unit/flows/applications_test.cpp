// Applications (SPEC §5): filing needs dispositivo; one filing per form key; protocol numbers without gaps
// per year; attachments judged by content; a citizen reaches only their own; the back office takes in
// charge and decides, each step audited and told to the citizen through the outbox.
#include "core/digest.h"
#include "flows/services/citizen_applications.h"
#include "flows/services/file_application.h"
#include "flows/services/review_applications.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const Actor kBackOffice = Actor::staff("bo.verdi", Role::back_office);

class ApplicationsTest : public AppFixture {
 protected:
  // A holder of `who` with a session at `level` (the level a login would give).
  Session holder(const ApplicantInput& who, const char* pin, Level level = Level::dispositivo) {
    Session s = active_holder(ctx(), who, pin).session;
    s.level = level;
    return s;
  }

  ApplicationDraft naspi(const std::string& key) {
    const Date ended = rome_date(now() - Days{30});
    return {ApplicationType::naspi,
            {{"data_cessazione", format_date_it(ended)}, {"datore_lavoro", "Beta Informatica S.p.A."},
             {"motivo_cessazione", "licenziamento"}, {"iban", "IT60 X054 2811 1010 0000 0123 456"}},
            {{"lettera.pdf", kPdf}},
            key};
  }

  Result<FiledApplication> file(const Session& s, const ApplicationDraft& draft) {
    std::vector<Error> problems;
    return FileApplication(ctx()).run(s, draft, problems);
  }
};

TEST_F(ApplicationsTest, ADispositivoHolderFilesAndGetsAProtocolAReceiptMailAndAnAuditRow) {
  const Session s = holder(mario(ctx().places), "CASA2026");
  auto filed = file(s, naspi("key-0000000000000001"));
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  EXPECT_FALSE(filed->repeated);
  const Application& a = filed->application;
  EXPECT_EQ(a.protocol, "INPS.7001." + std::to_string(static_cast<int>(rome_date(now()).year())) + ".0000001");
  EXPECT_EQ(a.state, ApplicationState::inviata);
  ASSERT_EQ(a.attachments.size(), 1u);
  EXPECT_EQ(a.attachments[0].media_type, "application/pdf");
  EXPECT_EQ(a.attachments[0].sha256, sha256_hex(kPdf));
  EXPECT_EQ(last_message(ctx(), "application_inviata").params.at("protocol"), a.protocol);
  auto stored = CitizenApplications(ctx()).get(s, a.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->fields, a.fields);
  EXPECT_EQ(stored->events.size(), 1u);
}

TEST_F(ApplicationsTest, AnOrdinarioHolderIsToldThatFilingNeedsDispositivo) {
  const Session s = holder(mario(ctx().places), "CASA2026", Level::ordinario);
  auto filed = file(s, naspi("key-0000000000000001"));
  ASSERT_FALSE(filed.ok());
  EXPECT_EQ(filed.error().kind, ErrorKind::forbidden);
  EXPECT_EQ(filed.error().code, "dispositivo-required");
}

TEST_F(ApplicationsTest, TheSameFormSubmittedTwiceFilesOnce) {
  const Session s = holder(mario(ctx().places), "CASA2026");
  auto first = file(s, naspi("double-click-key-0001"));
  auto second = file(s, naspi("double-click-key-0001"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(second->repeated);
  EXPECT_EQ(second->application.protocol, first->application.protocol);
  EXPECT_EQ(CitizenApplications(ctx()).search(s, {}, {}, {})->size(), 1u);
}

TEST_F(ApplicationsTest, ProtocolNumbersFollowEachOtherWithoutGapsAndStartAgainEachYear) {
  const Session s = holder(mario(ctx().places), "CASA2026");
  auto one = file(s, naspi("sequence-key-000001"));
  ApplicationDraft bad = naspi("sequence-key-000002");
  bad.files = {{"virus.exe", std::string("MZ\x90\0\x03\0\0\0\x04\0\0\0", 12)}};  // refused: nothing written
  EXPECT_FALSE(file(s, bad).ok());
  auto two = file(s, naspi("sequence-key-000003"));
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_TRUE(one->application.protocol.ends_with(".0000001"));
  EXPECT_TRUE(two->application.protocol.ends_with(".0000002"));
  const int year = static_cast<int>(rome_date(now()).year());
  clock().set(from_rome(std::chrono::local_days{std::chrono::year{year + 1} / std::chrono::January / 2}));
  auto next_year = file(s, naspi("sequence-key-000004"));
  ASSERT_TRUE(next_year.ok()) << next_year.error().message;
  EXPECT_EQ(next_year->application.protocol, "INPS.7001." + std::to_string(year + 1) + ".0000001");
}

TEST_F(ApplicationsTest, EveryProblemComesBackAtOnceAndNothingIsWritten) {
  const Session s = holder(mario(ctx().places), "CASA2026");
  ApplicationDraft draft = naspi("problems-key-000001");
  draft.values.find("iban")->second = "IT00 0000";
  draft.values.erase("datore_lavoro");
  draft.files = {{"nota.txt", "solo testo"}, {"vuoto.pdf", ""}};
  std::vector<Error> problems;
  auto filed = FileApplication(ctx()).run(s, draft, problems);
  ASSERT_FALSE(filed.ok());
  EXPECT_EQ(filed.error().code, "application-invalid");
  std::vector<std::string> codes;
  for (const Error& e : problems) codes.push_back(e.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"field-required", "invalid-iban", "attachment-type", "attachment-empty"}));
  EXPECT_TRUE(CitizenApplications(ctx()).search(s, {}, {}, {})->empty());
}

TEST_F(ApplicationsTest, AnotherCitizensApplicationIsNotFound) {
  const Session mario_s = holder(mario(ctx().places), "CASA2026");
  const Session giulia_s = holder(giulia(ctx().places), "MARE2027");
  auto filed = file(giulia_s, naspi("giulia-key-00000001"));
  ASSERT_TRUE(filed.ok());
  const Application& hers = filed->application;
  CitizenApplications mine(ctx());
  EXPECT_EQ(mine.get(mario_s, hers.id).error().code, "application-not-found");
  EXPECT_EQ(mine.attachment(mario_s, hers.id, hers.attachments[0].id).error().code, "application-not-found");
  EXPECT_EQ(mine.withdraw(mario_s, hers.id).error().code, "application-not-found");
  EXPECT_TRUE(mine.search(mario_s, {}, {}, {})->empty());
  auto own = mine.attachment(giulia_s, hers.id, hers.attachments[0].id);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->bytes, kPdf);
}

TEST_F(ApplicationsTest, TheBackOfficeTakesInChargeAndDecidesWithAReason) {
  const Session s = holder(mario(ctx().places), "CASA2026");
  auto filed = file(s, naspi("review-key-00000001"));
  ASSERT_TRUE(filed.ok());
  const std::int64_t id = filed->application.id;
  ReviewApplications review(ctx());
  auto queue = review.queue(kBackOffice, ApplicationType::naspi);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().surname, "Rossi");
  EXPECT_TRUE(review.queue(kBackOffice, ApplicationType::riscatto_laurea)->empty());
  EXPECT_EQ(review.queue(Actor::staff("cc", Role::contact_center), {}).error().kind, ErrorKind::forbidden);

  EXPECT_EQ(review.decide(kBackOffice, id, true, "").error().code, "application-not-in-review");
  ASSERT_TRUE(review.take_in_charge(kBackOffice, id).ok());
  EXPECT_EQ(CitizenApplications(ctx()).withdraw(s, id).error().code, "application-not-pending");
  EXPECT_EQ(review.decide(kBackOffice, id, false, " ").error().code, "reason-required");
  ASSERT_TRUE(review.decide(kBackOffice, id, false, "Rapporto di lavoro non cessato").ok());

  auto seen = CitizenApplications(ctx()).get(s, id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->state, ApplicationState::respinta);
  EXPECT_EQ(seen->decision_reason(), "Rapporto di lavoro non cessato");
  ASSERT_EQ(seen->events.size(), 3u);
  EXPECT_EQ(seen->events[1].actor, "staff:bo.verdi");
  EXPECT_EQ(last_message(ctx(), "application_respinta").params.at("reason"), "Rapporto di lavoro non cessato");
  last_message(ctx(), "application_in_istruttoria");
  EXPECT_TRUE(review.queue(kBackOffice, {})->empty());

  auto opened = review.open(kBackOffice, id);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->holder.codice_fiscale, mario(ctx().places).codice_fiscale);
  std::vector<AuditEntry> rows;
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
    rows = repos.audit().about("citizen:" + std::to_string(opened->holder.id), 100);
    return Ok{};
  }).ok());
  std::vector<std::string> actions;
  for (const AuditEntry& e : rows) actions.push_back(e.action);
  for (const char* wanted : {"application.filed", "application.in_review", "application.rejected", "application.viewed"})
    EXPECT_NE(std::find(actions.begin(), actions.end(), wanted), actions.end()) << wanted;
}

TEST_F(ApplicationsTest, ACitizenWithdrawsWhileFiledAndSearchesByStateTypeAndYear) {
  const Session s = holder(mario(ctx().places), "CASA2026");
  auto a = file(s, naspi("withdraw-key-000001"));
  auto b = file(s, naspi("withdraw-key-000002"));
  ASSERT_TRUE(a.ok() && b.ok());
  CitizenApplications mine(ctx());
  ASSERT_TRUE(mine.withdraw(s, a->application.id).ok());
  EXPECT_EQ(mine.withdraw(s, a->application.id).error().code, "application-not-pending");
  last_message(ctx(), "application_ritirata");
  const int year = static_cast<int>(rome_date(now()).year());
  EXPECT_EQ(mine.search(s, {}, ApplicationState::ritirata, {})->size(), 1u);
  EXPECT_EQ(mine.search(s, ApplicationType::naspi, ApplicationState::inviata, year)->size(), 1u);
  EXPECT_TRUE(mine.search(s, ApplicationType::naspi, {}, year - 1)->empty());
  EXPECT_TRUE(mine.search(s, ApplicationType::riscatto_laurea, {}, {})->empty());
  auto all = mine.search(s, {}, {}, {});
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().id, b->application.id);  // newest first
}

}  // namespace
}  // namespace sportello::testing
