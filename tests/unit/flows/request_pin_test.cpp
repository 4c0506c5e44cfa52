// SPEC §4.1–§4.3: online request, contact-center confirmation, phone request with activation, office issuance.
#include <gtest/gtest.h>

#include "flows/activate_pin.h"
#include "flows/issue_pin_at_office.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

class RequestPin : public AppFixture {};

TEST_F(RequestPin, OnlineRequestSendsTheFirstHalfAtOnceBySmsAndKeepsTheSecondSealed) {
  const ApplicantInput who = mario(ctx().places);
  ASSERT_TRUE(RequestPinOnline(ctx()).run(who).ok());
  const auto messages = outbox(ctx());
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].channel, Channel::sms);
  EXPECT_EQ(messages[0].recipient, "+393331234567");
  EXPECT_EQ(secret_in(ctx(), messages[0]).size(), 8u);
  const auto credential = credential_of(ctx(), who.codice_fiscale);
  ASSERT_TRUE(credential);
  EXPECT_EQ(credential->state, CredentialState::awaiting_confirmation);
  EXPECT_FALSE(credential->pending_half_sealed.empty());
  EXPECT_EQ(credential->pending_half_sealed.find(secret_in(ctx(), messages[0])), std::string::npos);
}

TEST_F(RequestPin, WithoutAMobileTheFirstHalfGoesByEmail) {
  ASSERT_TRUE(RequestPinOnline(ctx()).run(giulia(ctx().places)).ok());
  const auto message = last_message(ctx(), "pin_first_half");
  EXPECT_EQ(message.channel, Channel::email);
  EXPECT_EQ(message.recipient, "giulia@example.it");
}

TEST_F(RequestPin, ConfirmationPostsTheSecondHalfAndTheHalvesMakeThePin) {
  const ApplicantInput who = mario(ctx().places);
  const std::string pin = request_and_confirm(ctx(), who);
  const auto letter = last_message(ctx(), "pin_second_half_letter");
  EXPECT_EQ(letter.channel, Channel::letter);
  EXPECT_NE(letter.recipient.find("00100 Roma (RM)"), std::string::npos);
  const auto credential = credential_of(ctx(), who.codice_fiscale);
  EXPECT_EQ(credential->state, CredentialState::issued);
  EXPECT_TRUE(credential->pending_half_sealed.empty());  // erased once handed to the outbox
  EXPECT_EQ(login(ctx(), who.codice_fiscale, pin).session.required_action, RequiredAction::set_pin);
}

TEST_F(RequestPin, RejectionCancelsTheRequestAndTellsTheApplicant) {
  const ApplicantInput who = mario(ctx().places);
  ASSERT_TRUE(RequestPinOnline(ctx()).run(who).ok());
  ASSERT_TRUE(ReviewRequest(ctx()).reject(kConsole, who.codice_fiscale, "data do not match the registry").ok());
  EXPECT_EQ(credential_of(ctx(), who.codice_fiscale)->state, CredentialState::cancelled);
  EXPECT_EQ(last_message(ctx(), "pin_request_rejected").params.at("reason"), "data do not match the registry");
  EXPECT_EQ(ReviewRequest(ctx()).confirm(kConsole, who.codice_fiscale).error().kind, ErrorKind::illegal_transition);
}

TEST_F(RequestPin, TheQueueShowsAgeAndFlagsRequestsOlderThan48Hours) {
  ASSERT_TRUE(RequestPinOnline(ctx()).run(mario(ctx().places)).ok());
  clock().advance(Hours{47});
  ASSERT_TRUE(RequestPinOnline(ctx()).run(giulia(ctx().places)).ok());
  clock().advance(Hours{2});
  auto queue = ReviewRequest(ctx()).queue(kConsole);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 2u);
  EXPECT_EQ((*queue)[0].surname, "Rossi");
  EXPECT_TRUE((*queue)[0].overdue);
  EXPECT_EQ((*queue)[0].age, Hours{49});
  EXPECT_FALSE((*queue)[1].overdue);
}

TEST_F(RequestPin, ARequestForSomeoneWhoHoldsAPinAnswersTheSameAndWarnsTheHolder) {
  const ApplicantInput who = mario(ctx().places);
  request_and_confirm(ctx(), who);
  const auto before = credential_of(ctx(), who.codice_fiscale);
  auto again = RequestPinOnline(ctx()).run(who);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->message, RequestTaken{}.message);
  EXPECT_EQ(credential_of(ctx(), who.codice_fiscale)->pin_hash, before->pin_hash);
  EXPECT_EQ(last_message(ctx(), "pin_request_duplicate").recipient, "mario.rossi@example.it");
}

struct BadRequest {
  const char* name;
  void (*spoil)(ApplicantInput&);
  const char* code;
  const char* field;
};

TEST_F(RequestPin, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  const BadRequest rows[] = {
      {"wrong check char", [](ApplicantInput& in) { in.codice_fiscale.back() = in.codice_fiscale.back() == 'A' ? 'B' : 'A'; },
       "invalid-cf-check-character", "codice_fiscale"},
      {"short code", [](ApplicantInput& in) { in.codice_fiscale = "RSSMRA85T10"; }, "invalid-cf-length", "codice_fiscale"},
      {"other surname", [](ApplicantInput& in) { in.surname = "Verdi"; }, "cf-mismatch-surname", "surname"},
      {"other sex", [](ApplicantInput& in) { in.sex = "F"; }, "cf-mismatch-sex", "sex"},
      {"other birth date", [](ApplicantInput& in) { in.birth_date = "1985-12-11"; }, "cf-mismatch-birth-date", "birth_date"},
      {"other birth place", [](ApplicantInput& in) { in.birth_place = "F205"; }, "cf-mismatch-birth-place", "birth_place"},
      {"bad cap", [](ApplicantInput& in) { in.cap = "0010"; }, "invalid-cap", "cap"},
      {"bad mobile", [](ApplicantInput& in) { in.mobile = "06 1234"; }, "invalid-mobile", "mobile"},
      {"bad email", [](ApplicantInput& in) { in.email = "mario@"; }, "invalid-email", "email"},
      {"no phone", [](ApplicantInput& in) { in.mobile.clear(); }, "missing-phone", "mobile"},
      {"landline only", [](ApplicantInput& in) { in.mobile.clear(); in.email.clear(); in.home_phone = "06 1234567"; },
       "missing-contact", "email"},
  };
  for (const BadRequest& row : rows) {
    ApplicantInput in = mario(ctx().places);
    row.spoil(in);
    auto result = RequestPinOnline(ctx()).run(in);
    ASSERT_FALSE(result.ok()) << row.name;
    EXPECT_EQ(result.error().code, row.code) << row.name;
    EXPECT_EQ(result.error().field, row.field) << row.name;
  }
  EXPECT_TRUE(outbox(ctx()).empty());
  EXPECT_FALSE(credential_of(ctx(), mario(ctx().places).codice_fiscale));
}

TEST_F(RequestPin, OmocodeCodesAreAcceptedAndStoredNormalised) {
  ApplicantInput in = mario(ctx().places);
  const std::string normal = in.codice_fiscale;
  in.codice_fiscale = omocodia_variants(normal).front();
  ASSERT_TRUE(RequestPinOnline(ctx()).run(in).ok());
  EXPECT_TRUE(credential_of(ctx(), normal));
}

class PhoneRequest : public AppFixture {
 protected:
  PhoneRequestInput phone_input() {
    PhoneRequestInput in{mario(ctx().places), "80380000001234567890", "2030-06-30"};
    return in;
  }
  ActivationInput activation(const std::string& choice) {
    ActivationInput in;
    in.proof = {mario(ctx().places).codice_fiscale, "80380 00000 1234567890", "2030-06-30"};
    in.contacts.mobile = "3331234567";
    in.contacts.email = "mario.rossi@example.it";
    in.send_second_half_to = choice;
    return in;
  }
};

TEST_F(PhoneRequest, TheFirstHalfGoesByPostAndActivationSendsTheSecondToTheChosenContact) {
  ASSERT_TRUE(RegisterPhoneRequest(ctx()).run(kConsole, phone_input()).ok());
  const auto letter = last_message(ctx(), "pin_first_half_letter");
  EXPECT_EQ(letter.channel, Channel::letter);
  const std::string first = secret_in(ctx(), letter);

  auto data = ActivatePin(ctx()).review(activation("email").proof);
  ASSERT_TRUE(data.ok()) << data.error().code;
  EXPECT_EQ(data->surname, "Rossi");
  ASSERT_TRUE(ActivatePin(ctx()).complete(activation("email")).ok());
  const auto second = last_message(ctx(), "pin_second_half_activation");
  EXPECT_EQ(second.channel, Channel::email);
  const std::string code = mario(ctx().places).codice_fiscale;
  EXPECT_EQ(login(ctx(), code, first + secret_in(ctx(), second)).session.required_action, RequiredAction::set_pin);
}

TEST_F(PhoneRequest, ActivationRefusesWrongCardsExpiredCardsAndTooFewContacts) {
  ASSERT_TRUE(RegisterPhoneRequest(ctx()).run(kConsole, phone_input()).ok());
  ActivationInput wrong_card = activation("mobile");
  wrong_card.proof.tessera_number = "80380000009999999999";
  EXPECT_EQ(ActivatePin(ctx()).complete(wrong_card).error().code, "activation-data-mismatch");
  ActivationInput unknown_person = activation("mobile");
  unknown_person.proof.codice_fiscale = giulia(ctx().places).codice_fiscale;
  EXPECT_EQ(ActivatePin(ctx()).complete(unknown_person).error().code, "activation-data-mismatch");
  ActivationInput expired = activation("mobile");
  expired.proof.tessera_expiry = "2025-12-31";
  EXPECT_EQ(ActivatePin(ctx()).complete(expired).error().code, "ts-expired");
  ActivationInput one_contact = activation("mobile");
  one_contact.contacts.email.clear();
  EXPECT_EQ(ActivatePin(ctx()).complete(one_contact).error().code, "missing-second-contact");
  EXPECT_EQ(credential_of(ctx(), mario(ctx().places).codice_fiscale)->state, CredentialState::awaiting_activation);
}

TEST_F(PhoneRequest, OnlyTheContactCenterAndOfficesRegisterPhoneRequests) {
  const Actor patronato = Actor::staff("pat", Role::patronato);
  EXPECT_EQ(RegisterPhoneRequest(ctx()).run(patronato, phone_input()).error().code, "role-forbidden");
  EXPECT_TRUE(RegisterPhoneRequest(ctx()).run(Actor::staff("cc", Role::contact_center), phone_input()).ok());
}

TEST_F(RequestPin, AnOfficeIssuesAWholeDispositivoPinAndRevokesTheOldOne) {
  const ApplicantInput who = mario(ctx().places);
  const OpenedSession old_session = active_holder(ctx(), who, "CASA2026");
  auto issued = IssuePinAtOffice(ctx()).run(Actor::staff("sede", Role::office), {who, "carta d'identità", "CA12345AB"});
  ASSERT_TRUE(issued.ok()) << issued.error().code;
  EXPECT_EQ(issued->pin.reveal().size(), 16u);
  const auto credential = credential_of(ctx(), who.codice_fiscale);
  EXPECT_EQ(credential->level, Level::dispositivo);
  EXPECT_EQ(credential->state, CredentialState::issued);
  EXPECT_EQ(Sessions(ctx()).authenticate(old_session.token).error().code, "session-ended");
  const OpenedSession fresh = login(ctx(), who.codice_fiscale, std::string(issued->pin.reveal()));
  EXPECT_EQ(fresh.session.level, Level::dispositivo);
}

}  // namespace
}  // namespace sportello::testing
