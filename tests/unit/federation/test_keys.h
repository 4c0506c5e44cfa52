#pragma once
// RSA keys and self-signed certificates made by the tests themselves with OpenSSL (never a key kept in the
// repository): the service provider's, and an identity provider's that signs crafted documents.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "federation/service_provider.h"
#include "federation/signing_key.h"

namespace sportello::federation::testing {

struct TestKeyPem {
  std::string key;
  std::string certificate;
};

inline std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// A new RSA key of `bits` and a certificate for it, self-signed with SHA-256, CN = `name`.
inline TestKeyPem make_key_pem(const std::string& name, int bits = 2048) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(static_cast<unsigned>(bits)), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> x509(X509_new(), X509_free);
  X509_set_version(x509.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x509.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(x509.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x509.get()), 365L * 24 * 3600);
  X509_set_pubkey(x509.get(), key.get());
  X509_NAME* subject = X509_get_subject_name(x509.get());
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(name.c_str()), -1,
                             -1, 0);
  X509_set_issuer_name(x509.get(), subject);
  X509_sign(x509.get(), key.get(), EVP_sha256());
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new(BIO_s_mem()), BIO_free),
      cert_bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  PEM_write_bio_X509(cert_bio.get(), x509.get());
  return {bio_text(key_bio.get()), bio_text(cert_bio.get())};
}

inline SigningKey make_signing_key(const std::string& name) {
  TestKeyPem pem = make_key_pem(name);
  auto key = SigningKey::from_pem(pem.key, pem.certificate);
  EXPECT_TRUE(key) << key.error().message;
  return *key;
}

// One key per process for each role: RSA generation takes a while.
inline const SigningKey& sp_key() {
  static const SigningKey key = make_signing_key("sportello SP (test)");
  return key;
}
inline const SigningKey& idp_key() {
  static const SigningKey key = make_signing_key("test IdP");
  return key;
}

// The service provider every federation test speaks for: its ACS is https://127.0.0.1:8443/saml/acs.
inline ServiceProvider test_service_provider() {
  ServiceProvider sp;
  sp.entity_id = "https://sportello.example/spid";
  sp.public_url = "https://127.0.0.1:8443";
  sp.organization_name = "Istituto di prova";
  sp.organization_display_name = "Sportello";
  sp.organization_url = "https://sportello.example/";
  sp.ipa_code = "c_h501";
  sp.contact_email = "spid@sportello.example";
  sp.contact_phone = "+390612345678";
  sp.municipality = "058091";
  sp.province = "RM";
  return sp;
}

}  // namespace sportello::federation::testing
