// Issue 14, "The 48-hour call" and "Forms": an online request carries a number the contact centre can call,
// every problem is reported at once on its own field, and each request gets a number the citizen can quote.
#include <gtest/gtest.h>

#include <regex>

#include "flows/issue_pin_at_office.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

class RequestRules : public AppFixture {
 protected:
  std::vector<std::string> fields_of(const std::vector<Error>& problems) {
    std::vector<std::string> fields;
    for (const Error& e : problems) fields.push_back(e.field + ":" + e.code);
    return fields;
  }
  std::vector<AuditEntry> audit() {
    std::vector<AuditEntry> rows;
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      rows = repos.audit().read(1, 1000);
      return Ok{};
    }).ok());
    return rows;
  }
};

TEST_F(RequestRules, EveryProblemIsReportedAtOnceInTheFormsOrderAndNothingIsWritten) {
  ApplicantInput in = mario(ctx().places);
  in.email = "mario@";
  in.cap = "001";
  in.sex = "X";
  in.birth_date = "31/02/1985";
  in.mobile.clear();
  in.street.clear();
  std::vector<Error> problems;
  auto taken = RequestPinOnline(ctx()).run(in, problems);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(fields_of(problems),
            (std::vector<std::string>{"street:missing-street", "cap:invalid-cap", "sex:invalid-sex",
                                      "birth_date:invalid-birth-date", "mobile:missing-phone", "email:invalid-email"}));
  EXPECT_EQ(taken.error().code, problems.front().code);
  EXPECT_TRUE(outbox(ctx()).empty());
  EXPECT_FALSE(credential_of(ctx(), in.codice_fiscale));
}

TEST_F(RequestRules, ARequestNeedsANumberToCallAndSomewhereForTheFirstHalf) {
  ctx().policies.requests_per_code.limit = 100;  // one person asks in every way: allowances_test.cpp counts them
  struct Case {
    const char* name;
    const char *mobile, *home_phone, *email;
    const char* problem;  // empty: accepted
    const char* channel;
  };
  const Case cases[] = {
      {"mobile only", "333 1234567", "", "", "", "sms"},
      {"mobile and e-mail", "333 1234567", "", "m@example.it", "", "sms"},
      {"landline and e-mail", "", "06 1234567", "m@example.it", "", "email"},
      {"everything", "333 1234567", "06 1234567", "m@example.it", "", "sms"},
      {"e-mail only", "", "", "m@example.it", "mobile:missing-phone", ""},
      {"landline only", "", "06 1234567", "", "email:missing-contact", ""},
      {"nothing", "", "", "", "mobile:missing-phone", ""},
      {"blank mobile", "   ", "", "m@example.it", "mobile:missing-phone", ""},
  };
  for (const Case& c : cases) {
    ApplicantInput in = mario(ctx().places);
    in.mobile = c.mobile;
    in.home_phone = c.home_phone;
    in.email = c.email;
    std::vector<Error> problems;
    auto taken = RequestPinOnline(ctx()).run(in, problems);
    if (*c.problem) {
      EXPECT_EQ(fields_of(problems), std::vector<std::string>{c.problem}) << c.name;
    } else {
      ASSERT_TRUE(taken.ok()) << c.name << ": " << taken.error().code;
      EXPECT_TRUE(problems.empty()) << c.name;
      EXPECT_EQ(taken->first_half_channel, c.channel) << c.name;
    }
  }
}

TEST_F(RequestRules, EachRequestGetsAQuotableNumberStoredOnItsCredential) {
  const ApplicantInput who = mario(ctx().places);
  auto taken = RequestPinOnline(ctx()).run(who);
  ASSERT_TRUE(taken.ok());
  EXPECT_TRUE(std::regex_match(taken->reference, std::regex("RP-[234679ACDEFGHJKMNPQRTUVWXYZ]{4}-[234679ACDEFGHJKMNPQRTUVWXYZ]{4}")))
      << taken->reference;
  const auto credential = credential_of(ctx(), who.codice_fiscale);
  ASSERT_TRUE(credential);
  EXPECT_EQ(credential->request_reference, taken->reference);
  std::optional<Credential> found;
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
    found = repos.credentials().find_by_request_reference(taken->reference);
    return Ok{};
  }).ok());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, credential->id);
  auto other = RequestPinOnline(ctx()).run(giulia(ctx().places));
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->reference, taken->reference);
  // The number is in the audit row, never the codice fiscale.
  const auto rows = audit();
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().details, "online; request " + other->reference);
}

TEST_F(RequestRules, TheAnswerSaysWhereTheFirstHalfWentMasked) {
  auto by_sms = RequestPinOnline(ctx()).run(mario(ctx().places));
  ASSERT_TRUE(by_sms.ok());
  EXPECT_EQ(by_sms->first_half_channel, "sms");
  EXPECT_EQ(by_sms->first_half_to, "+39 *** *** 4567");
  auto by_email = RequestPinOnline(ctx()).run(giulia(ctx().places));
  ASSERT_TRUE(by_email.ok());
  EXPECT_EQ(by_email->first_half_channel, "email");
  EXPECT_EQ(by_email->first_half_to, "g***@example.it");
}

TEST_F(RequestRules, ForAHolderTheAnswerHasTheSameShapeAndTheNumberOnlyInTheAudit) {
  ApplicantInput who = mario(ctx().places);
  request_and_confirm(ctx(), who);
  const auto before = credential_of(ctx(), who.codice_fiscale);
  who.mobile = "347 7654321";  // typed by someone else: the answer shows what they typed, not the holder's
  auto again = RequestPinOnline(ctx()).run(who);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(std::regex_match(again->reference, std::regex("RP-[A-Z0-9]{4}-[A-Z0-9]{4}")));
  EXPECT_EQ(again->first_half_channel, "sms");
  EXPECT_EQ(again->first_half_to, "+39 *** *** 4321");
  EXPECT_EQ(credential_of(ctx(), who.codice_fiscale)->request_reference, before->request_reference);
  const auto rows = audit();
  EXPECT_EQ(rows.back().action, "pin.request-duplicate");
  EXPECT_EQ(rows.back().details, "online; request " + again->reference);
  std::optional<Credential> found;
  ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
    found = repos.credentials().find_by_request_reference(again->reference);
    return Ok{};
  }).ok());
  EXPECT_FALSE(found);
}

TEST_F(RequestRules, APhoneRequestReportsEveryProblemIncludingTheHealthCardsAndTakesItalianDates) {
  PhoneRequestInput in{mario(ctx().places), "80380000001234567890", "30/06/2030"};
  in.applicant.mobile.clear();
  in.applicant.email.clear();  // a phone request needs no contact: the first half goes by post
  ASSERT_TRUE(RegisterPhoneRequest(ctx()).run(kConsole, in).ok());

  PhoneRequestInput bad{giulia(ctx().places), "123", "31/13/2030"};
  bad.applicant.cap = "1";
  std::vector<Error> problems;
  ASSERT_FALSE(RegisterPhoneRequest(ctx()).run(kConsole, bad, problems).ok());
  EXPECT_EQ(fields_of(problems), (std::vector<std::string>{"cap:invalid-cap", "tessera_number:invalid-ts-number"}));
  bad.tessera_number = "80380000001234567890";
  ASSERT_FALSE(RegisterPhoneRequest(ctx()).run(kConsole, bad, problems).ok());
  EXPECT_EQ(fields_of(problems), (std::vector<std::string>{"cap:invalid-cap", "tessera_expiry:invalid-ts-expiry"}));
}

TEST_F(RequestRules, AnOfficeIssuanceReportsTheDocumentWithTheOtherProblems) {
  ApplicantInput who = mario(ctx().places);
  who.surname = "Verdi";
  who.name = "Anna";
  std::vector<Error> problems;
  auto issued = IssuePinAtOffice(ctx()).run(Actor::staff("sede", Role::office), {who, "", ""}, problems);
  ASSERT_FALSE(issued.ok());
  EXPECT_EQ(fields_of(problems), (std::vector<std::string>{"surname:cf-mismatch-surname", "name:cf-mismatch-name",
                                                           "document_number:missing-document"}));
}

}  // namespace
}  // namespace sportello::testing
