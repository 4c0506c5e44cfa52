#include "federation/signing_key.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

#include "test_keys.h"

namespace sportello::federation {
namespace {

using testing::make_key_pem;

TEST(SigningKey, AKeyAndItsCertificateLoadAndSignRsaSha256) {
  const auto pem = make_key_pem("sp");
  auto key = SigningKey::from_pem(pem.key, pem.certificate);
  ASSERT_TRUE(key) << key.error().message;
  const std::string signature = key->sign_rsa_sha256("SAMLRequest=abc&SigAlg=x");
  EXPECT_EQ(signature.size(), 256u);

  // The signature verifies with the certificate's public key, and only over the same bytes.
  const auto* der = reinterpret_cast<const unsigned char*>(key->certificate_der().data());
  std::unique_ptr<X509, decltype(&X509_free)> x509(d2i_X509(nullptr, &der, static_cast<long>(key->certificate_der().size())),
                                                    X509_free);
  ASSERT_TRUE(x509);
  auto verify = [&](std::string_view bytes) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, X509_get0_pubkey(x509.get()));
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) == 1;
  };
  EXPECT_TRUE(verify("SAMLRequest=abc&SigAlg=x"));
  EXPECT_FALSE(verify("SAMLRequest=abd&SigAlg=x"));
}

TEST(SigningKey, ACertificateOfAnotherKeyIsRefused) {
  const auto one = make_key_pem("one"), other = make_key_pem("other");
  auto mixed = SigningKey::from_pem(one.key, other.certificate);
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().code, "sp-key");
  EXPECT_NE(mixed.error().message.find("does not belong"), std::string::npos);
}

TEST(SigningKey, AShortKeyOrSomethingElseIsRefused) {
  const auto small = make_key_pem("small", 1024);
  auto refused = SigningKey::from_pem(small.key, small.certificate);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("2048"), std::string::npos);
  EXPECT_FALSE(SigningKey::from_pem("not a key", small.certificate));
  const auto fine = make_key_pem("fine");
  EXPECT_FALSE(SigningKey::from_pem(fine.key, "not a certificate"));
}

TEST(SigningKey, AMissingFileIsNamed) {
  auto missing = SigningKey::load("/nonexistent/sp.key", "/nonexistent/sp.crt");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/nonexistent/sp.key"), std::string::npos);
}

}  // namespace
}  // namespace sportello::federation
