// Acting for a citizen (SPEC §6, issue 11): Ricerca soggetto finds a citizen only under an active mandate of the
// operator's own patronato and answers alike for a citizen without one and a code nobody holds; under the
// mandate an operator reads what its scope covers and files on the citizen's behalf (the receipt says through
// whom); nothing after revocation; the contact centre files for a caller after recording the questions asked.
// Each access is audited under the citizen, naming the mandate or the call.
#include "flows/intermediaries/act_for_citizen.h"
#include "flows/intermediaries/file_for_caller.h"
#include "flows/services/citizen_applications.h"
#include "patronato_scenario.h"

namespace sportello::testing {
namespace {

const Actor kContactCentre = Actor::staff("cc.neri", Role::contact_center);

class ActForCitizenFlow : public PatronatoFixture {
 protected:
  void SetUp() override {
    PatronatoFixture::SetUp();
    who_ = mario(ctx().places);
    holder_ = active_holder(ctx(), who_, "CASA2026").session;
  }
  Mandate grant(const std::string& code, MandateScope scope = {}) {
    auto granted = Mandates(ctx()).grant(holder_, {code, std::move(scope), in_months(6)});
    EXPECT_TRUE(granted.ok()) << (granted.ok() ? "" : granted.error().code);
    return granted.ok() ? *granted : Mandate{};
  }
  ApplicationDraft naspi(const std::string& key) {
    return {ApplicationType::naspi,
            {{"data_cessazione", format_date_it(rome_date(now() - Days{30}))}, {"datore_lavoro", "Beta Informatica S.p.A."},
             {"motivo_cessazione", "licenziamento"}, {"iban", "IT60 X054 2811 1010 0000 0123 456"}},
            {{"lettera.pdf", kSignedMandatePdf}},
            key};
  }
  std::vector<std::string> actions_about_holder() {
    std::vector<std::string> actions;
    for (const AuditEntry& e : audit_about(holder_.subject_id)) actions.push_back(e.action + " by " + e.actor);
    return actions;
  }

  ApplicantInput who_;
  Session holder_;
};

TEST_F(ActForCitizenFlow, RicercaSoggettoFindsTheCitizenOnlyUnderTheOperatorsOwnActiveMandate) {
  ActForCitizen act(ctx());
  const Error stranger = act.search(kInca, giulia(ctx().places).codice_fiscale).error();  // a code nobody holds here
  const Error without = act.search(kInca, who_.codice_fiscale).error();                    // a citizen, no mandate
  EXPECT_EQ(stranger.code, "subject-not-found");
  EXPECT_EQ(without.code, stranger.code);
  EXPECT_EQ(without.message, stranger.message);
  EXPECT_EQ(without.kind, stranger.kind);
  EXPECT_EQ(without.field, stranger.field);

  const Mandate mandate = grant("INCA");
  auto found = act.search(kInca, "rss mra 85t10 h501" + who_.codice_fiscale.substr(15));  // typed in groups
  ASSERT_TRUE(found.ok()) << found.error().code;
  EXPECT_EQ(found->citizen.id, holder_.subject_id);
  EXPECT_EQ(found->mandate.id, mandate.id);
  EXPECT_EQ(act.search(kAcli, who_.codice_fiscale).error().code, "subject-not-found");  // another patronato's mandate

  ASSERT_TRUE(Mandates(ctx()).revoke(holder_, mandate.id).ok());
  EXPECT_EQ(act.search(kInca, who_.codice_fiscale).error().code, "subject-not-found");
  EXPECT_EQ(act.search(kInca, "RSSMRA85T10H501X").error().code, "invalid-cf-check-character");
}

TEST_F(ActForCitizenFlow, UnderAMandateForEveryServiceTheOperatorReadsDataRecordAndApplications) {
  grant("INCA");
  ActForCitizen act(ctx());
  auto data = act.personal_data(kInca, holder_.subject_id);
  ASSERT_TRUE(data.ok()) << data.error().code;
  EXPECT_EQ(data->citizen.codice_fiscale, who_.codice_fiscale);
  EXPECT_EQ(data->citizen.contacts.email, "mario.rossi@example.it");
  EXPECT_TRUE(act.contributions(kInca, holder_.subject_id).ok());
  EXPECT_TRUE(act.applications(kInca, holder_.subject_id).ok());
  // Another patronato, or an id the mandate does not name, reaches nothing.
  EXPECT_EQ(act.personal_data(kAcli, holder_.subject_id).error().code, "subject-not-found");
  EXPECT_EQ(act.personal_data(kInca, holder_.subject_id + 1000).error().code, "subject-not-found");
  EXPECT_EQ(act.personal_data(Actor::staff("bo.rossi", Role::back_office), holder_.subject_id).error().code, "patronato-only");

  const auto actions = actions_about_holder();
  for (const char* expected : {"subject.personal-data-read by staff:op.inca", "subject.record-read by staff:op.inca",
                               "subject.applications-read by staff:op.inca"})
    EXPECT_NE(std::find(actions.begin(), actions.end(), expected), actions.end()) << expected;
}

TEST_F(ActForCitizenFlow, AMandateForChosenTypesCoversOnlyThem) {
  grant("INCA", *scope_of_types({ApplicationType::assegno_nucleo}));
  ActForCitizen act(ctx());
  EXPECT_TRUE(act.personal_data(kInca, holder_.subject_id).ok());
  EXPECT_EQ(act.contributions(kInca, holder_.subject_id).error().code, "outside-mandate-scope");
  EXPECT_EQ(act.form(kInca, holder_.subject_id, ApplicationType::naspi).error().code, "outside-mandate-scope");
  EXPECT_TRUE(act.form(kInca, holder_.subject_id, ApplicationType::assegno_nucleo).ok());
  std::vector<Error> problems;
  EXPECT_EQ(act.file(kInca, holder_.subject_id, naspi("key-patronato-000001"), problems).error().code,
            "outside-mandate-scope");

  // The holder's own naspi application is not shown to the patronato.
  Session dispositivo = holder_;
  dispositivo.level = Level::dispositivo;
  auto own = FileApplication(ctx()).run(dispositivo, naspi("key-holder-00000001"), problems);
  ASSERT_TRUE(own.ok()) << own.error().code;
  EXPECT_TRUE(act.applications(kInca, holder_.subject_id)->empty());
  EXPECT_EQ(act.application(kInca, holder_.subject_id, own->application.id).error().code, "application-not-found");
  // Nor through its form's key: a key used for another type is refused, not answered with that application.
  ApplicationDraft reused = naspi("key-holder-00000001");
  reused.type = ApplicationType::assegno_nucleo;
  auto refused = act.file(kInca, holder_.subject_id, reused, problems);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "idempotency-key-reused");
}

TEST_F(ActForCitizenFlow, APatronatoFilesOnBehalfAndTheApplicationSaysThroughWhom) {
  const Mandate mandate = grant("INCA");
  std::vector<Error> problems;
  auto filed = ActForCitizen(ctx()).file(kInca, holder_.subject_id, naspi("key-patronato-000001"), problems);
  ASSERT_TRUE(filed.ok()) << filed.error().code << " " << (problems.empty() ? "" : problems.front().code);
  const Application& a = filed->application;
  EXPECT_EQ(a.filed_through, "patronato Patronato INCA CGIL");
  EXPECT_EQ(a.events.front().actor, "staff:op.inca");
  EXPECT_EQ(last_message(ctx(), "application_inviata").recipient, "mario.rossi@example.it");

  // The citizen sees it among their own, with who filed it.
  auto mine = CitizenApplications(ctx()).get(holder_, a.id);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->filed_through, "patronato Patronato INCA CGIL");
  // The patronato follows it.
  auto followed = ActForCitizen(ctx()).application(kInca, holder_.subject_id, a.id);
  ASSERT_TRUE(followed.ok());
  EXPECT_EQ(followed->protocol, a.protocol);

  bool audited = false;
  for (const AuditEntry& e : audit_about(holder_.subject_id))
    audited |= e.action == "application.filed" && e.actor == "staff:op.inca" &&
               e.details.find("mandate " + std::to_string(mandate.id) + "; organisation:INCA") != std::string::npos;
  EXPECT_TRUE(audited);
}

TEST_F(ActForCitizenFlow, NothingWorksAfterRevocationOrWhenTheOrganisationIsDisabled) {
  const Mandate mandate = grant("INCA");
  ActForCitizen act(ctx());
  ASSERT_TRUE(act.personal_data(kInca, holder_.subject_id).ok());
  ASSERT_TRUE(Organisations(ctx()).set_disabled(kConsole, "INCA", true).ok());
  EXPECT_EQ(act.personal_data(kInca, holder_.subject_id).error().code, "organisation-disabled");
  ASSERT_TRUE(Organisations(ctx()).set_disabled(kConsole, "INCA", false).ok());
  ASSERT_TRUE(Mandates(ctx()).revoke(holder_, mandate.id).ok());
  std::vector<Error> problems;
  EXPECT_EQ(act.personal_data(kInca, holder_.subject_id).error().code, "subject-not-found");
  EXPECT_EQ(act.file(kInca, holder_.subject_id, naspi("key-patronato-000002"), problems).error().code, "subject-not-found");
  EXPECT_EQ(act.applications(kInca, holder_.subject_id).error().code, "subject-not-found");
}

TEST_F(ActForCitizenFlow, AMandateExpiredAtMidnightStopsTheOperatorBeforeTheSweep) {
  auto granted = Mandates(ctx()).grant(holder_, {"INCA", MandateScope{}, rome_date(now())});
  ASSERT_TRUE(granted.ok());
  ASSERT_TRUE(ActForCitizen(ctx()).personal_data(kInca, holder_.subject_id).ok());
  clock().set(from_rome(std::chrono::local_days{rome_date(now())} + Days{1}));
  EXPECT_EQ(ActForCitizen(ctx()).personal_data(kInca, holder_.subject_id).error().code, "subject-not-found");
}

TEST_F(ActForCitizenFlow, TheContactCentreFilesForACallerAfterRecordingTheQuestionsAsked) {
  FileForCaller desk(ctx());
  std::vector<Error> problems;
  CallerFiling filing{who_.codice_fiscale, {"residence"}, naspi("key-call-0000000001")};
  EXPECT_EQ(desk.run(kContactCentre, filing, problems).error().code, "identity-check-too-weak");
  filing.identity_questions = {"residence", "residence"};
  EXPECT_EQ(desk.run(kContactCentre, filing, problems).error().code, "identity-check-too-weak");
  filing.identity_questions = {"residence", "shoe-size"};
  EXPECT_EQ(desk.run(kContactCentre, filing, problems).error().field, "identity_questions");
  filing.identity_questions = {"residence", "birth-date-and-place"};
  EXPECT_EQ(desk.run(kInca, filing, problems).error().code, "role-forbidden");

  auto filed = desk.run(kContactCentre, filing, problems);
  ASSERT_TRUE(filed.ok()) << filed.error().code;
  EXPECT_EQ(filed->application.filed_through, "Contact Center");
  EXPECT_EQ(last_message(ctx(), "application_inviata").recipient, "mario.rossi@example.it");
  bool audited = false;
  for (const AuditEntry& e : audit_about(holder_.subject_id))
    audited |= e.action == "application.filed" && e.actor == "staff:cc.neri" &&
               e.details.find("identity checked with birth-date-and-place, residence") != std::string::npos;
  EXPECT_TRUE(audited);

  filing.codice_fiscale = giulia(ctx().places).codice_fiscale;
  EXPECT_EQ(desk.run(kContactCentre, filing, problems).error().code, "citizen-not-found");
}

}  // namespace
}  // namespace sportello::testing
