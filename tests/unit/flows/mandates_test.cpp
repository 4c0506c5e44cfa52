// Patronati and mandates (SPEC §6, issue 11): an administrator adds an organisation and its operators;
// disabling it ends their sessions and refuses their logins. A citizen grants a mandate online and revokes it;
// a patronato records one from the signed PDF, and the citizen is told; a mandate past its last day is
// expired; each side reaches only its own mandates; every change is audited under the citizen.
#include "flows/sessions.h"
#include "patronato_scenario.h"

namespace sportello::testing {
namespace {

using MandatesFlow = PatronatoFixture;

TEST_F(MandatesFlow, AnOperatorBelongsToOneEnabledOrganisationAndOnlyPatronatoOperatorsDo) {
  StaffAccounts staff(ctx());
  EXPECT_EQ(staff.add(kConsole, "op.nessuno", Role::patronato, "").error().code, "organisation-required");
  EXPECT_EQ(staff.add(kConsole, "bo.rossi", Role::back_office, "", "INCA").error().code, "organisation-not-for-role");
  EXPECT_EQ(staff.add(kConsole, "op.x", Role::patronato, "", "NOPE").error().code, "organisation-not-found");
  EXPECT_EQ(staff.add(kConsole, "op.y", Role::patronato, "", "inca").ok(), true);  // codes are typed in any case
  EXPECT_EQ(Organisations(ctx()).add(kConsole, {"inca", "Altro", {}}).error().code, "organisation-code-taken");
  EXPECT_EQ(Organisations(ctx()).add(kConsole, {"INAS", "Bad\nName", {}}).error().code, "invalid-organisation-name");
  EXPECT_EQ(Organisations(ctx()).add(kConsole, {"INAS", "Patronato INAS", {"ok", "Roma\nMilano"}}).error().message,
            "Office 2 is longer than 120 characters or not on one line.");
  EXPECT_EQ(Organisations(ctx()).add(kInca, {"INAS", "Patronato INAS", {}}).error().code, "role-forbidden");
  auto all = Organisations(ctx()).list(kConsole);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);  // nothing refused was written
  EXPECT_EQ((*all)[0].organisation.code, "ACLI");
  EXPECT_EQ((*all)[1].operators, 2);
}

TEST_F(MandatesFlow, DisablingAnOrganisationEndsItsOperatorsSessionsAndRefusesTheirLogins) {
  auto opened = operator_login("op.inca", inca_operator_);
  ASSERT_TRUE(opened.ok()) << opened.error().code;
  ASSERT_TRUE(Sessions(ctx()).authenticate(opened->token).ok());

  auto ended = Organisations(ctx()).set_disabled(kConsole, "INCA", true);
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(*ended, 1);
  EXPECT_EQ(Sessions(ctx()).authenticate(opened->token).error().code, "session-ended");
  EXPECT_EQ(operator_login("op.inca", inca_operator_).error().code, "organisation-disabled");
  EXPECT_EQ(Mandates(ctx()).record(kInca, signed_form(mario(ctx().places))).error().code, "organisation-disabled");

  ASSERT_TRUE(Organisations(ctx()).set_disabled(kConsole, "inca", false).ok());
  EXPECT_TRUE(operator_login("op.inca", inca_operator_).ok());
}

TEST_F(MandatesFlow, ACitizenGrantsAMandateOnlineOnePerPatronatoAndRevokesIt) {
  const Session mario_session = active_holder(ctx(), mario(ctx().places), "CASA2026").session;
  Mandates mandates(ctx());
  auto granted = mandates.grant(mario_session, grant_to("inca"));
  ASSERT_TRUE(granted.ok()) << granted.error().code;
  EXPECT_EQ(granted->origin, MandateOrigin::online);
  EXPECT_EQ(granted->starts_on, rome_date(now()));
  EXPECT_EQ(mandates.grant(mario_session, grant_to("INCA")).error().code, "mandate-already-active");
  EXPECT_TRUE(mandates.grant(mario_session, grant_to("ACLI")).ok());  // another patronato is another mandate

  auto listed = mandates.of_citizen(mario_session);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->back().organisation_name, "Patronato INCA CGIL");
  EXPECT_EQ(listed->back().state, MandateState::active);

  ASSERT_TRUE(mandates.revoke(mario_session, granted->id).ok());
  EXPECT_EQ(mandates.revoke(mario_session, granted->id).error().code, "mandate-not-active");
  EXPECT_TRUE(mandates.grant(mario_session, grant_to("INCA")).ok());  // a revoked one no longer counts

  const auto rows = audit_about(mario_session.subject_id);
  int granted_rows = 0, revoked_rows = 0;
  for (const AuditEntry& e : rows) {
    granted_rows += e.action == "mandate.granted";
    revoked_rows += e.action == "mandate.revoked";
  }
  EXPECT_EQ(granted_rows, 3);
  EXPECT_EQ(revoked_rows, 1);
}

TEST_F(MandatesFlow, AGrantOutsideItsLimitsIsRefusedAndWritesNothing) {
  const Session s = active_holder(ctx(), mario(ctx().places), "CASA2026").session;
  Mandates mandates(ctx());
  EXPECT_EQ(mandates.grant(s, grant_to("INCA", 13)).error().code, "mandate-end-too-far");
  EXPECT_EQ(mandates.grant(s, {"INCA", MandateScope{}, rome_date(now() - Days{1})}).error().code, "mandate-end-past");
  EXPECT_EQ(mandates.grant(s, grant_to("NOPE")).error().code, "organisation-not-found");
  ASSERT_TRUE(Organisations(ctx()).set_disabled(kConsole, "ACLI", true).ok());
  EXPECT_EQ(mandates.grant(s, grant_to("ACLI")).error().code, "organisation-not-found");
  const auto offered = mandates.patronati(s);
  ASSERT_TRUE(offered.ok());
  ASSERT_EQ(offered->size(), 1u);  // a disabled patronato is not offered
  EXPECT_EQ(offered->front().code, "INCA");
  EXPECT_EQ(mandates_stored(), 0);
  Session staff_session;
  staff_session.subject_kind = SubjectKind::staff;
  EXPECT_EQ(mandates.grant(staff_session, grant_to("INCA")).error().code, "citizens-only");
}

TEST_F(MandatesFlow, APatronatoRecordsASignedMandateAndTheCitizenIsToldAndSeesTheForm) {
  const ApplicantInput who = mario(ctx().places);
  const Session s = active_holder(ctx(), who, "CASA2026").session;
  Mandates mandates(ctx());
  auto recorded = mandates.record(kInca, signed_form(who));
  ASSERT_TRUE(recorded.ok()) << recorded.error().code;
  EXPECT_EQ(recorded->origin, MandateOrigin::recorded);
  EXPECT_EQ(recorded->created_by, "staff:op.inca");

  const OutboxMessage told = last_message(ctx(), "mandate_recorded");
  EXPECT_EQ(told.recipient, "mario.rossi@example.it");
  EXPECT_EQ(told.params.at("organisation"), "Patronato INCA CGIL");
  EXPECT_EQ(told.params.at("ends_on"), format_date_it(in_months(12)));

  auto mine = mandates.of_citizen(s);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().mandate.origin, MandateOrigin::recorded);
  EXPECT_EQ(*mandates.document(s, recorded->id), kSignedMandatePdf);
  EXPECT_EQ(*mandates.document(kInca, recorded->id), kSignedMandatePdf);

  // The other patronato neither lists it nor reads its form.
  EXPECT_TRUE(mandates.of_organisation(kAcli)->empty());
  EXPECT_EQ(mandates.document(kAcli, recorded->id).error().code, "mandate-not-found");
  EXPECT_EQ(mandates.revoke_recorded(kAcli, recorded->id).error().code, "mandate-not-found");
  auto theirs = mandates.of_organisation(kInca);
  ASSERT_TRUE(theirs.ok());
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_EQ(theirs->front().codice_fiscale, who.codice_fiscale);

  bool audited = false;
  for (const AuditEntry& e : audit_about(s.subject_id)) audited |= e.action == "mandate.recorded" && e.actor == "staff:op.inca";
  EXPECT_TRUE(audited);
  ASSERT_TRUE(mandates.revoke_recorded(kInca, recorded->id).ok());
}

TEST_F(MandatesFlow, AFormThatMatchesNoCitizenGetsOneAnswerWhetherOrNotTheCodeExists) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  Mandates mandates(ctx());
  RecordMandateInput wrong_surname = signed_form(who);
  wrong_surname.surname = "Russo";
  RecordMandateInput wrong_birth = signed_form(who);
  wrong_birth.birth_date = *parse_date("1985-12-11");
  const RecordMandateInput nobody = signed_form(giulia(ctx().places));  // a valid code sportello does not know
  std::vector<Error> answers;
  for (const RecordMandateInput& input : {wrong_surname, wrong_birth, nobody}) answers.push_back(mandates.record(kInca, input).error());
  for (const Error& e : answers) {
    EXPECT_EQ(e.code, "citizen-not-matched");
    EXPECT_EQ(e.message, answers.front().message);
    EXPECT_EQ(e.field, "codice_fiscale");
  }
  // The surname as operators copy it: case, accents, spaces and apostrophes are no difference.
  RecordMandateInput copied = signed_form(who);
  copied.surname = " ROSSÌ ";
  EXPECT_TRUE(mandates.record(kInca, copied).ok());
  EXPECT_EQ(mandates_stored(), 1);
}

TEST_F(MandatesFlow, TheSignedFormMustBeAPdfOfAtMostOneMegabyteJudgedByContent) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  Mandates mandates(ctx());
  EXPECT_EQ(mandates.record(kInca, signed_form(who, "")).error().code, "mandate-document-missing");
  EXPECT_EQ(mandates.record(kInca, signed_form(who, "")).error().field, "signed_form");  // the form's part
  EXPECT_EQ(mandates.record(kInca, signed_form(who, "\x89PNG\r\n\x1a\n" + std::string(64, '\0'))).error().code,
            "mandate-document-not-pdf");
  EXPECT_EQ(mandates.record(kInca, signed_form(who, "Gentile INPS, io sottoscritto...")).error().code,
            "mandate-document-not-pdf");
  std::string big = kSignedMandatePdf;
  big.resize(kMaxMandateDocumentBytes + 1, ' ');
  EXPECT_EQ(mandates.record(kInca, signed_form(who, big)).error().code, "mandate-document-too-large");
  big.resize(kMaxMandateDocumentBytes);
  EXPECT_TRUE(mandates.record(kInca, signed_form(who, big)).ok());
  EXPECT_EQ(mandates.record(Actor::staff("bo.rossi", Role::back_office), signed_form(who)).error().code, "patronato-only");
}

TEST_F(MandatesFlow, AMandatePastItsLastDayIsExpiredAndTheSweepStoresItOnce) {
  const Session s = active_holder(ctx(), mario(ctx().places), "CASA2026").session;
  Mandates mandates(ctx());
  auto granted = mandates.grant(s, {"INCA", MandateScope{}, rome_date(now())});  // today is its last day
  ASSERT_TRUE(granted.ok());
  EXPECT_EQ(*mandates.expire_due(), 0);
  clock().set(from_rome(std::chrono::local_days{rome_date(now())} + Days{1}));  // the next midnight in Rome
  EXPECT_EQ(mandates.of_citizen(s)->front().state, MandateState::expired);  // before the sweep
  EXPECT_EQ(mandates.revoke(s, granted->id).error().code, "mandate-not-active");
  EXPECT_EQ(*mandates.expire_due(), 1);
  EXPECT_EQ(*mandates.expire_due(), 0);
  EXPECT_EQ(mandates.of_citizen(s)->front().mandate.state, MandateState::expired);
  bool audited = false;
  for (const AuditEntry& e : audit_about(s.subject_id)) audited |= e.action == "mandate.expired" && e.actor == "system";
  EXPECT_TRUE(audited);
  EXPECT_TRUE(mandates.grant(s, grant_to("INCA")).ok());  // an expired one no longer counts
}

TEST_F(MandatesFlow, ACitizenReachesOnlyTheirOwnMandates) {
  const Session mario_session = active_holder(ctx(), mario(ctx().places), "CASA2026").session;
  const Session giulia_session = active_holder(ctx(), giulia(ctx().places), "CASA2027").session;
  auto granted = Mandates(ctx()).grant(mario_session, grant_to("INCA"));
  ASSERT_TRUE(granted.ok());
  EXPECT_EQ(Mandates(ctx()).revoke(giulia_session, granted->id).error().code, "mandate-not-found");
  EXPECT_TRUE(Mandates(ctx()).of_citizen(giulia_session)->empty());
  EXPECT_EQ(Mandates(ctx()).document(giulia_session, granted->id).error().code, "mandate-not-found");
  EXPECT_EQ(Mandates(ctx()).document(mario_session, granted->id).error().code, "mandate-not-found");  // online: no form
}

}  // namespace
}  // namespace sportello::testing
