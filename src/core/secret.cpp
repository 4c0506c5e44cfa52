#include "core/secret.h"

#include <sodium.h>

#include <cstring>
#include <utility>

#include "core/crypto_init.h"

namespace sportello {

Secret::Secret(std::string_view value) {
  if (value.empty()) return;
  data_ = new char[value.size()];
  size_ = value.size();
  std::memcpy(data_, value.data(), size_);
}

Secret Secret::take(std::string& source) {
  Secret secret(source);
  ensure_crypto_initialised();
  sodium_memzero(source.data(), source.size());
  source.clear();
  return secret;
}

Secret::~Secret() { wipe(); }

Secret::Secret(Secret&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    wipe();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

bool Secret::equals(std::string_view other) const {
  if (other.size() != size_) return false;
  if (size_ == 0) return true;
  ensure_crypto_initialised();
  return sodium_memcmp(data_, other.data(), size_) == 0;
}

void Secret::wipe() noexcept {
  if (data_ == nullptr) return;
  sodium_memzero(data_, size_);
  delete[] data_;
  data_ = nullptr;
  size_ = 0;
}

}  // namespace sportello
