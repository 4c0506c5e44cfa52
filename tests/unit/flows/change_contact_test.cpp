// SPEC §2: a new mobile or e-mail is used only after the code sent to it comes back; other contacts change
// at once by format; nothing changes on a wrong, used or expired code.
#include <gtest/gtest.h>

#include "flows/change_contact.h"
#include "flows/profile.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

class ContactChanges : public AppFixture {
 protected:
  Session holder() { return active_holder(ctx(), mario(ctx().places), "CASA2026").session; }
  Contacts contacts_of(const Session& session) {
    auto profile = Profile(ctx()).citizen(session);
    EXPECT_TRUE(profile.ok());
    return profile.ok() ? profile->citizen.contacts : Contacts{};
  }
  std::string code_sent_to(const std::string& recipient) {
    const OutboxMessage message = last_message(ctx(), "contact_code");
    EXPECT_EQ(message.recipient, recipient);
    return secret_in(ctx(), message);
  }
};

TEST_F(ContactChanges, ANewEmailIsUsedOnlyAfterItsCodeComesBack) {
  const Session session = holder();
  auto started = ChangeContact(ctx()).start(session, {"email", "Mario.Nuovo@Example.it"});
  ASSERT_TRUE(started.ok()) << started.error().message;
  EXPECT_EQ(*started, ContactChangeOutcome::code_sent);
  EXPECT_EQ(contacts_of(session).email, "mario.rossi@example.it") << "unchanged until the code comes back";
  const OutboxMessage message = last_message(ctx(), "contact_code");
  EXPECT_EQ(message.channel, Channel::email);
  const std::string code = code_sent_to("Mario.Nuovo@example.it");
  EXPECT_EQ(code.size(), 6u);
  ASSERT_TRUE(ChangeContact(ctx()).confirm(session, "email", code).ok());
  EXPECT_EQ(contacts_of(session).email, "Mario.Nuovo@example.it") << "the domain is lower-cased, the local part kept";
  EXPECT_TRUE(contacts_of(session).email_verified);
  EXPECT_EQ(ChangeContact(ctx()).confirm(session, "email", code).error().code, "contact-code-used");
}

TEST_F(ContactChanges, ACodeTypedInGroupsIsTheSameCode) {
  const Session session = holder();
  ASSERT_TRUE(ChangeContact(ctx()).start(session, {"email", "nuovo@example.it"}).ok());
  const std::string code = code_sent_to("nuovo@example.it");
  ASSERT_TRUE(ChangeContact(ctx()).confirm(session, "email", code.substr(0, 3) + " " + code.substr(3)).ok());
  EXPECT_EQ(contacts_of(session).email, "nuovo@example.it");
}

TEST_F(ContactChanges, ANewMobileGetsItsCodeBySms) {
  const Session session = holder();
  ASSERT_TRUE(ChangeContact(ctx()).start(session, {"mobile", "+39 347 7654321"}).ok());
  EXPECT_EQ(last_message(ctx(), "contact_code").channel, Channel::sms);
  const std::string code = code_sent_to("+393477654321");
  ASSERT_TRUE(ChangeContact(ctx()).confirm(session, "mobile", code).ok());
  EXPECT_EQ(contacts_of(session).mobile, "+393477654321");
}

TEST_F(ContactChanges, AWrongCodeCountsAndTheFifthEndsTheChange) {
  const Session session = holder();
  ASSERT_TRUE(ChangeContact(ctx()).start(session, {"email", "nuovo@example.it"}).ok());
  const std::string code = code_sent_to("nuovo@example.it");
  const std::string wrong = code == "000000" ? "111111" : "000000";
  for (int attempt = 0; attempt < ContactVerification::kMaxWrongCodes; ++attempt)
    EXPECT_EQ(ChangeContact(ctx()).confirm(session, "email", wrong).error().code, "wrong-contact-code");
  EXPECT_EQ(ChangeContact(ctx()).confirm(session, "email", code).error().code, "contact-code-used");
  EXPECT_EQ(contacts_of(session).email, "mario.rossi@example.it");
}

TEST_F(ContactChanges, AnExpiredCodeChangesNothing) {
  const Session session = holder();
  ASSERT_TRUE(ChangeContact(ctx()).start(session, {"email", "nuovo@example.it"}).ok());
  const std::string code = code_sent_to("nuovo@example.it");
  clock().advance(Minutes{15});
  EXPECT_EQ(ChangeContact(ctx()).confirm(session, "email", code).error().code, "contact-code-expired");
  EXPECT_EQ(contacts_of(session).email, "mario.rossi@example.it");
}

TEST_F(ContactChanges, OnlyTheNewestCodeOfAKindWorks) {
  const Session session = holder();
  ASSERT_TRUE(ChangeContact(ctx()).start(session, {"email", "primo@example.it"}).ok());
  const std::string first = code_sent_to("primo@example.it");
  ASSERT_TRUE(ChangeContact(ctx()).start(session, {"email", "secondo@example.it"}).ok());
  const std::string second = code_sent_to("secondo@example.it");
  if (first != second) {
    EXPECT_EQ(ChangeContact(ctx()).confirm(session, "email", first).error().code, "wrong-contact-code");
  }
  ASSERT_TRUE(ChangeContact(ctx()).confirm(session, "email", second).ok());
  EXPECT_EQ(contacts_of(session).email, "secondo@example.it");
}

TEST_F(ContactChanges, OtherContactsChangeAtOnceAndMayBeRemoved) {
  const Session session = holder();
  const std::size_t messages = outbox(ctx()).size();
  auto changed = ChangeContact(ctx()).start(session, {"pec", "mario@pec.example.it"});
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(*changed, ContactChangeOutcome::changed);
  EXPECT_EQ(contacts_of(session).pec, "mario@pec.example.it");
  ASSERT_TRUE(ChangeContact(ctx()).start(session, {"pec", ""}).ok());
  EXPECT_EQ(contacts_of(session).pec, "");
  EXPECT_EQ(outbox(ctx()).size(), messages) << "no code for contacts that are not verified";
}

TEST_F(ContactChanges, BadInputIsNamedAndChangesNothing) {
  const Session session = holder();
  const std::size_t messages = outbox(ctx()).size();
  struct Case {
    ContactChange change;
    const char* code;
    const char* field;
  };
  for (const Case& c : {Case{{"telegram", "x"}, "invalid-contact-kind", "kind"},
                        Case{{"email", "not-an-address"}, "invalid-email", "value"},
                        Case{{"mobile", "06 1234567"}, "invalid-mobile", "value"},
                        Case{{"email", ""}, "contact-required", "value"},
                        Case{{"email", "mario.rossi@example.it"}, "contact-unchanged", "value"}}) {
    auto refused = ChangeContact(ctx()).start(session, c.change);
    ASSERT_FALSE(refused.ok()) << c.code;
    EXPECT_EQ(refused.error().code, c.code);
    EXPECT_EQ(refused.error().field, c.field) << c.code;
  }
  EXPECT_EQ(outbox(ctx()).size(), messages);
  EXPECT_EQ(ChangeContact(ctx()).confirm(session, "pec", "123456").error().code, "contact-code-unknown");
}

}  // namespace
}  // namespace sportello::testing
