// Issue 12: a citizen enters with a CNS. The card's certificate (tests/data/cns, made by make_cards) names Mario;
// the TLS listener's verdict comes in with it. His session is dispositivo, records the method and the card's issuer,
// and one audit row names the issuer and the certificate's serial; refusals open nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "flows/federation/cns_login.h"
#include "flows/profile.h"
#include "scenario.h"

namespace sportello::testing {
namespace {

std::string card_der(const std::string& name) {
  const auto path = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "data" / "cns" / (name + ".der");
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class CnsLoginFlow : public AppFixture {
 protected:
  std::vector<AuditEntry> audit_rows() {
    std::vector<AuditEntry> rows;
    EXPECT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      rows = repos.audit().read(1, 100000);
      return Ok{};
    }).ok());
    return rows;
  }
};

TEST_F(CnsLoginFlow, TheCardsHolderGetsADispositivoSessionThatRecordsTheCardsIssuer) {
  active_holder(ctx(), mario(ctx().places), "CASA2026");
  auto opened = CnsLogin(ctx()).run({card_der("profile"), true});
  ASSERT_TRUE(opened.ok()) << opened.error().code;
  EXPECT_EQ(opened->session.level, Level::dispositivo);  // SPEC §7, whatever the PIN's level
  EXPECT_EQ(opened->session.required_action, RequiredAction::none);
  EXPECT_EQ(opened->session.method, "cns");
  EXPECT_EQ(opened->session.provider, "CN=CA CNS di prova,O=Ente di prova,C=IT");
  auto found = Sessions(ctx()).authenticate(opened->token);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->subject_id, opened->session.subject_id);
  const auto rows = audit_rows();
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().action, "cns.login");
  EXPECT_TRUE(rows.back().details.starts_with("CNS CN=CA CNS di prova,O=Ente di prova,C=IT serial ")) << rows.back().details;
  EXPECT_EQ(rows.back().details.find("RSSMRA"), std::string::npos);  // no codice fiscale in the audit's words
}

TEST_F(CnsLoginFlow, NoCardARefusedCardAnUnreadableCardAndAStrangerOpenNothing) {
  struct Case {
    PresentedCard card;
    ErrorKind kind;
    const char* code;
  };
  const Case before[] = {
      {{"", false}, ErrorKind::wrong_secret, "cns-no-card"},
      {{card_der("profile"), false}, ErrorKind::forbidden, "cns-card-refused"},  // expired, revoked, unknown CA
      {{card_der("differ"), true}, ErrorKind::invalid_input, "cns-certificate"},
      {{card_der("nameless"), true}, ErrorKind::invalid_input, "cns-certificate"},
      // Nobody here yet, and a subject with no surname and givenName to enrol him by.
      {{card_der("it_prefix"), true}, ErrorKind::not_found, "federated-unknown"},
  };
  for (const Case& c : before) {
    auto opened = CnsLogin(ctx()).run(c.card);
    ASSERT_FALSE(opened.ok()) << c.code;
    EXPECT_EQ(opened.error().kind, c.kind) << c.code;
    EXPECT_EQ(opened.error().code, c.code);
  }
  for (const AuditEntry& row : audit_rows()) {
    EXPECT_NE(row.action, "cns.login");
    EXPECT_NE(row.action, "citizen.enrolled");
  }
}

// Decision 0020: a person the card vouches for, unknown here, is enrolled from it: the name on the certificate, the
// birth date, sex and place of the codice fiscale; no PIN, no residence. Later they may still ask for a PIN.
TEST_F(CnsLoginFlow, APersonNotKnownYetIsEnrolledFromTheCardWithoutAPin) {
  auto opened = CnsLogin(ctx()).run({card_der("profile"), true});
  ASSERT_TRUE(opened.ok()) << opened.error().code;
  EXPECT_EQ(opened->session.level, Level::dispositivo);
  auto profile = Profile(ctx()).citizen(opened->session);
  ASSERT_TRUE(profile.ok()) << profile.error().code;
  EXPECT_FALSE(profile->credential.has_value());
  const Citizen& mario = profile->citizen;
  EXPECT_EQ(mario.codice_fiscale, "RSSMRA85T10H501O");
  EXPECT_EQ(mario.data.surname, "ROSSI");
  EXPECT_EQ(mario.data.name, "MARIO");
  EXPECT_EQ(mario.data.sex, Sex::male);
  EXPECT_EQ(mario.data.birth_date, (Date{std::chrono::year{1985}, std::chrono::month{12}, std::chrono::day{10}}));
  EXPECT_EQ(mario.data.birth_place_code, "H501");
  EXPECT_TRUE(mario.data.residence.street.empty());
  const auto rows = audit_rows();
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[rows.size() - 2].action, "citizen.enrolled");
  EXPECT_EQ(rows[rows.size() - 2].details, "cns CN=CA CNS di prova,O=Ente di prova,C=IT");
  EXPECT_EQ(rows.back().action, "cns.login");

  // The second time he is the same citizen, not enrolled again.
  auto again = CnsLogin(ctx()).run({card_der("etsi"), true});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->session.subject_id, opened->session.subject_id);
  int enrolments = 0;
  for (const AuditEntry& row : audit_rows()) enrolments += row.action == "citizen.enrolled";
  EXPECT_EQ(enrolments, 1);

  // A PIN asked for later finds his record and completes it.
  active_holder(ctx(), testing::mario(ctx().places), "CASA2026");
  auto with_pin = Profile(ctx()).citizen(opened->session);
  ASSERT_TRUE(with_pin.ok());
  ASSERT_TRUE(with_pin->credential.has_value());
  EXPECT_EQ(with_pin->citizen.id, mario.id);
  EXPECT_EQ(with_pin->citizen.data.residence.comune, "Roma");
}

}  // namespace
}  // namespace sportello::testing
