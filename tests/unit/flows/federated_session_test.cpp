// flows/federation/federated_session: what a login row's detail names, as the SPID, CIE and CNS logins write it,
// for the citizen's access list.
#include <gtest/gtest.h>

#include "flows/federation/federated_session.h"

namespace sportello {
namespace {

TEST(LoginThrough, NamesTheIdentityProviderAndSpidsLevel) {
  const auto spid = login_through("spid.login", "SpidL2 https://idp.example/spid");
  EXPECT_EQ(spid.provider, "https://idp.example/spid");
  EXPECT_EQ(spid.spid_level, 2);
  const auto cie = login_through("cie.login", "SpidL3 https://idserver.servizicie.interno.gov.it/idp/profile/SAML2/POST/SSO");
  EXPECT_EQ(cie.provider, "https://idserver.servizicie.interno.gov.it/idp/profile/SAML2/POST/SSO");
  EXPECT_EQ(cie.spid_level, 0);  // CIE has its own levels; the access list names none
}

TEST(LoginThrough, NamesTheCardsIssuingOrganisationElseItsCommonName) {
  EXPECT_EQ(login_through("cns.login", "CNS CN=CA CNS di prova,O=Regione Lazio,C=IT serial 0A1B").provider, "Regione Lazio");
  EXPECT_EQ(login_through("cns.login", "CNS CN=Regione\\, CA CNS,O=Ministero dell'Economia\\, Tessera sanitaria,C=IT serial 01")
                .provider,
            "Ministero dell'Economia, Tessera sanitaria");
  EXPECT_EQ(login_through("cns.login", "CNS CN=Only A Name,C=IT serial 01").provider, "Only A Name");
}

TEST(LoginThrough, OtherRowsAndOddDetailsNameNobody) {
  EXPECT_EQ(login_through("pin.login", "SpidL2 https://idp.example/spid").provider, "");
  EXPECT_EQ(login_through("spid.login", "").provider, "");
  EXPECT_EQ(login_through("spid.login", "SpidL2").provider, "");
  EXPECT_EQ(login_through("cns.login", "serial 01").provider, "");
  EXPECT_EQ(login_through("contact.changed", "email").provider, "");
}

}  // namespace
}  // namespace sportello
