// Issue 12: a citizen enters with a CNS. The card's certificate (tests/data/cns, made by make_cards) names Mario;
// the TLS listener's verdict comes in with it. His session is dispositivo, records the method and the card's issuer,
// and one audit row names the issuer and the certificate's serial; refusals open nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "flows/federation/cns_login.h"
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
      {{card_der("profile"), true}, ErrorKind::not_found, "federated-unknown"},  // Mario is nobody here yet
  };
  for (const Case& c : before) {
    auto opened = CnsLogin(ctx()).run(c.card);
    ASSERT_FALSE(opened.ok()) << c.code;
    EXPECT_EQ(opened.error().kind, c.kind) << c.code;
    EXPECT_EQ(opened.error().code, c.code);
  }
  for (const AuditEntry& row : audit_rows()) EXPECT_NE(row.action, "cns.login");
}

}  // namespace
}  // namespace sportello::testing
