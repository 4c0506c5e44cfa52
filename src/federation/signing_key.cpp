#include "federation/signing_key.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sportello::federation {
namespace {

Error bad_key(std::string message) { return Error::invalid("sp-key", std::move(message), "federation"); }

Result<std::string> read_whole(const std::filesystem::path& file, const char* what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return bad_key(std::string("Cannot read the service provider's ") + what + " " + file.string() + ".");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
Bio memory_bio(const std::string& bytes) {
  return Bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())), BIO_free);
}

void wipe(std::string* secret) {
  OPENSSL_cleanse(secret->data(), secret->size());
  delete secret;
}

}  // namespace

Result<SigningKey> SigningKey::load(const std::filesystem::path& key_file,
                                    const std::filesystem::path& certificate_file) {
  auto key = read_whole(key_file, "key");
  if (!key) return key.error();
  auto certificate = read_whole(certificate_file, "certificate");
  if (!certificate) return certificate.error();
  auto loaded = from_pem(std::move(*key), std::move(*certificate));
  if (!loaded) {
    Error e = loaded.error();
    e.message = key_file.string() + ", " + certificate_file.string() + ": " + e.message;
    return e;
  }
  return loaded;
}

Result<SigningKey> SigningKey::from_pem(std::string key_pem, std::string certificate_pem) {
  SigningKey signing;
  signing.key_pem_ = std::shared_ptr<const std::string>(new std::string(std::move(key_pem)), [](const std::string* s) {
    wipe(const_cast<std::string*>(s));
  });
  Bio key_bio = memory_bio(*signing.key_pem_);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) return bad_key("The key is not a PEM private key (without a passphrase).");
  signing.key_ = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA || EVP_PKEY_get_bits(key) < 2048)
    return bad_key("The key must be RSA of 2048 bits or more.");

  Bio certificate_bio = memory_bio(certificate_pem);
  std::unique_ptr<X509, decltype(&X509_free)> x509(PEM_read_bio_X509(certificate_bio.get(), nullptr, nullptr, nullptr),
                                                    X509_free);
  if (!x509) return bad_key("The certificate is not a PEM X.509 certificate.");
  if (X509_check_private_key(x509.get(), key) != 1) return bad_key("The certificate does not belong to the key.");
  unsigned char* der = nullptr;
  const int length = i2d_X509(x509.get(), &der);
  if (length <= 0) return bad_key("The certificate cannot be encoded.");
  signing.certificate_der_.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  signing.certificate_pem_ = std::move(certificate_pem);
  return signing;
}

std::string SigningKey::sign_rsa_sha256(std::string_view bytes) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t length = 0;
  if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size()) != 1)
    throw std::runtime_error("RSA-SHA256 signing could not start");
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()) != 1)
    throw std::runtime_error("RSA-SHA256 signing failed");
  signature.resize(length);
  return signature;
}

}  // namespace sportello::federation
