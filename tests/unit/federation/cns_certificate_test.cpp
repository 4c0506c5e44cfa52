// federation/cns_certificate: the codice fiscale a CNS names, in the profile's commonName or an ETSI serialNumber,
// read from the certificates made by tests/data/cns/make_cards (one per way a subject can name its holder).
#include <gtest/gtest.h>

#include "federation/cns_certificate.h"
#include "test_data.h"

namespace sportello::federation {
namespace {

using testing::test_data;

std::string card(const std::string& name) { return test_data("cns/" + name + ".der"); }

TEST(CnsCertificate, TheProfilesCommonNameGivesTheCodiceFiscaleBeforeTheCardNumber) {
  auto holder = read_cns_certificate(card("profile"));
  ASSERT_TRUE(holder.ok()) << holder.error().message;
  EXPECT_EQ(holder->fiscal_code, "RSSMRA85T10H501O");
  EXPECT_EQ(holder->surname, "ROSSI");
  EXPECT_EQ(holder->given_name, "MARIO");
  EXPECT_EQ(holder->issuer, "CN=CA CNS di prova,O=Ente di prova,C=IT");
  EXPECT_EQ(holder->serial.size(), 16u);  // make_cards' 8 random bytes, hex
}

TEST(CnsCertificate, AnEtsiSerialNumberGivesTheCodiceFiscaleWhateverTheCommonName) {
  auto etsi = read_cns_certificate(card("etsi"));
  ASSERT_TRUE(etsi.ok()) << etsi.error().message;
  EXPECT_EQ(etsi->fiscal_code, "RSSMRA85T10H501O");
  auto older = read_cns_certificate(card("it_prefix"));  // "IT:" and lower case
  ASSERT_TRUE(older.ok()) << older.error().message;
  EXPECT_EQ(older->fiscal_code, "RSSMRA85T10H501O");
  auto both = read_cns_certificate(card("both"));
  ASSERT_TRUE(both.ok()) << both.error().message;
  EXPECT_EQ(both->fiscal_code, "RSSMRA85T10H501O");
}

TEST(CnsCertificate, ASubjectThatNamesNobodyOrTwoPeopleIsRefused) {
  for (const char* name : {"differ", "nameless", "card_number"}) {
    auto holder = read_cns_certificate(card(name));
    ASSERT_FALSE(holder.ok()) << name;
    EXPECT_EQ(holder.error().code, "cns-certificate") << name;
    EXPECT_EQ(holder.error().kind, ErrorKind::invalid_input) << name;
  }
}

TEST(CnsCertificate, BytesThatAreNotOneWholeCertificateAreRefused) {
  const std::string der = card("profile");
  for (const std::string& bytes : {std::string(), std::string("not a certificate"), der.substr(0, der.size() - 1),
                                   der + std::string(1, '\0')}) {
    auto holder = read_cns_certificate(bytes);
    ASSERT_FALSE(holder.ok()) << bytes.size();
    EXPECT_EQ(holder.error().code, "cns-certificate");
  }
}

}  // namespace
}  // namespace sportello::federation
