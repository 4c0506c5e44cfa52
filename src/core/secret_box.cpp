#include "core/secret_box.h"

#include <sodium.h>

#include "core/digest.h"

namespace sportello {

Result<SecretBox> SecretBox::from_key(std::string_view raw32) {
  if (raw32.size() != kKeyBytes) {
    return Error::invalid("secret-box-key-length", "a SecretBox key must be exactly 32 bytes", "key");
  }
  auto key = GuardedKey::from_bytes(raw32);
  if (!key) return key.error();
  return SecretBox(*key);
}

Result<SecretBox> SecretBox::load_or_create_key_file(const std::filesystem::path& path) {
  auto key = sportello::load_or_create_key_file(path, kKeyBytes);
  if (!key) return key.error();
  return SecretBox(*key);
}

std::string SecretBox::seal(std::string_view plaintext) const {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), nonce,
                        key_.data());
  return base64url_encode(box);
}

Result<std::string> SecretBox::open(std::string_view sealed) const {
  auto box = base64url_decode(sealed);
  constexpr std::size_t overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  if (!box || box->size() < overhead) {
    return Error::invalid("sealed-malformed", "the sealed value is not a SecretBox output", "sealed");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(box->data());
  std::string plain(box->size() - overhead, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 nonce + crypto_secretbox_NONCEBYTES, box->size() - crypto_secretbox_NONCEBYTES,
                                 nonce, key_.data()) != 0) {
    return Error::invalid("sealed-forged", "the sealed value was altered or sealed under another key", "sealed");
  }
  return plain;
}

}  // namespace sportello
