// SPEC §4.6 revocation and §4.7 conversion to dispositivo.
#include <gtest/gtest.h>

#include "flows/dispositivo_conversion.h"
#include "flows/revoke_pin.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

const Actor kReviewer = Actor::staff("bo", Role::back_office);
const std::string kSignedForm = "%PDF-1.4\n% signed form and identity document\n";

class Revocation : public AppFixture {};

TEST_F(Revocation, TheHolderRevokesWithTheirPinAndEverySessionEnds) {
  const ApplicantInput who = mario(ctx().places);
  OpenedSession a = active_holder(ctx(), who, "CASA2026");
  OpenedSession b = login(ctx(), who.codice_fiscale, "CASA2026");
  EXPECT_EQ(RevokePin(ctx()).by_holder(b.session, Secret("WRONG123")).error().code, "wrong-pin");
  ASSERT_TRUE(RevokePin(ctx()).by_holder(b.session, Secret("CASA2026")).ok());
  EXPECT_EQ(Sessions(ctx()).authenticate(a.token).error().code, "session-ended");
  EXPECT_EQ(Sessions(ctx()).authenticate(b.token).error().code, "session-ended");
  EXPECT_EQ(credential_of(ctx(), who.codice_fiscale)->state, CredentialState::revoked);
  EXPECT_EQ(last_message(ctx(), "pin_revoked").recipient, "mario.rossi@example.it");
  // A new PIN needs a new request, which now goes through.
  EXPECT_FALSE(request_and_confirm(ctx(), who).empty());
}

TEST_F(Revocation, StaffRevokeOnlyAfterCheckingIdentityAndOnlyWithTheRightRole) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  const Actor cc = Actor::staff("cc", Role::contact_center);
  EXPECT_EQ(RevokePin(ctx()).by_staff(cc, who.codice_fiscale, false, "").error().code, "identity-not-checked");
  EXPECT_EQ(RevokePin(ctx()).by_staff(kReviewer, who.codice_fiscale, true, "").error().code, "role-forbidden");
  ASSERT_TRUE(RevokePin(ctx()).by_staff(cc, who.codice_fiscale, true, "lost phone").ok());
  EXPECT_EQ(RevokePin(ctx()).by_staff(cc, who.codice_fiscale, true, "").error().kind, ErrorKind::illegal_transition);
}

class Dispositivo : public AppFixture {};

TEST_F(Dispositivo, AnUploadedRequestApprovedByTheBackOfficeRaisesTheLevel) {
  const ApplicantInput who = mario(ctx().places);
  OpenedSession s = active_holder(ctx(), who, "CASA2026");
  auto id = DispositivoConversion(ctx()).request(s.session, kSignedForm);
  ASSERT_TRUE(id.ok()) << id.error().code;
  EXPECT_EQ(DispositivoConversion(ctx()).request(s.session, kSignedForm).error().code, "request-pending");
  auto pending = DispositivoConversion(ctx()).pending(kReviewer);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(DispositivoConversion(ctx()).get(kReviewer, *id)->document, kSignedForm);
  EXPECT_EQ(DispositivoConversion(ctx()).approve(Actor::staff("cc", Role::contact_center), *id).error().code, "role-forbidden");
  ASSERT_TRUE(DispositivoConversion(ctx()).approve(kReviewer, *id).ok());
  EXPECT_EQ(DispositivoConversion(ctx()).reject(kReviewer, *id, "late").error().code, "request-already-decided");
  EXPECT_EQ(credential_of(ctx(), who.codice_fiscale)->level, Level::dispositivo);
  EXPECT_EQ(last_message(ctx(), "dispositivo_approved").recipient, "mario.rossi@example.it");
  EXPECT_EQ(login(ctx(), who.codice_fiscale, "CASA2026").session.level, Level::dispositivo);
}

TEST_F(Dispositivo, ARejectionNeedsAReasonAndTellsTheHolder) {
  const ApplicantInput who = mario(ctx().places);
  OpenedSession s = active_holder(ctx(), who, "CASA2026");
  auto id = DispositivoConversion(ctx()).request(s.session, "\x89PNG\r\n\x1A\n....");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(DispositivoConversion(ctx()).reject(kReviewer, *id, "").error().code, "reason-required");
  ASSERT_TRUE(DispositivoConversion(ctx()).reject(kReviewer, *id, "document unreadable").ok());
  EXPECT_EQ(last_message(ctx(), "dispositivo_rejected").params.at("reason"), "document unreadable");
  EXPECT_EQ(credential_of(ctx(), who.codice_fiscale)->level, Level::ordinario);
}

TEST_F(Dispositivo, TheFileMustBeOnePdfJpegOrPngOfAtMostOneMegabyte) {
  OpenedSession s = active_holder(ctx(), mario(ctx().places), "CASA2026");
  std::string big = kSignedForm + std::string(1024 * 1024, 'x');
  EXPECT_EQ(DispositivoConversion(ctx()).request(s.session, big).error().code, "document-too-large");
  EXPECT_EQ(DispositivoConversion(ctx()).request(s.session, "GIF89a....").error().code, "document-type");
  std::string exactly = kSignedForm + std::string(1024 * 1024 - kSignedForm.size(), 'x');
  EXPECT_TRUE(DispositivoConversion(ctx()).request(s.session, exactly).ok());
}

TEST_F(Dispositivo, AnOfficeConvertsAtOnceOnFormMV35) {
  const ApplicantInput who = mario(ctx().places);
  active_holder(ctx(), who, "CASA2026");
  ASSERT_TRUE(DispositivoConversion(ctx()).convert_at_office(Actor::staff("sede", Role::office), who.codice_fiscale).ok());
  EXPECT_EQ(credential_of(ctx(), who.codice_fiscale)->level, Level::dispositivo);
  EXPECT_EQ(DispositivoConversion(ctx()).convert_at_office(Actor::staff("sede", Role::office), who.codice_fiscale).error().code,
            "already-dispositivo");
}

}  // namespace
}  // namespace sportello::testing
