#pragma once
// The service provider's own RSA key and X.509 certificate (issue 12), read from PEM files: what signs its
// metadata, AuthnRequests and LogoutRequests. The certificate must belong to the key, the key must be RSA of
// 2048 bits or more (SPID, Avviso 29), and both are checked when loaded, so a server never starts with a pair
// that IdPs would refuse. Errors are invalid_input with code sp-key naming the file and what is wrong.
// Immutable once loaded; thread-safe.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

struct evp_pkey_st;

namespace sportello::federation {

class SigningKey {
 public:
  static Result<SigningKey> load(const std::filesystem::path& key_file, const std::filesystem::path& certificate_file);
  static Result<SigningKey> from_pem(std::string key_pem, std::string certificate_pem);

  const std::string& certificate_der() const { return certificate_der_; }
  const std::string& certificate_pem() const { return certificate_pem_; }
  const std::string& key_pem() const { return *key_pem_; }  // for xmlsec, which reads its own copy

  // RSASSA-PKCS1-v1_5 with SHA-256 over `bytes`: the HTTP-Redirect binding's Signature parameter.
  std::string sign_rsa_sha256(std::string_view bytes) const;

 private:
  SigningKey() = default;
  std::shared_ptr<evp_pkey_st> key_;
  std::shared_ptr<const std::string> key_pem_;  // wiped when the last copy goes
  std::string certificate_pem_;
  std::string certificate_der_;
};

}  // namespace sportello::federation
