#pragma once
// A secret string (a PIN, a password, a token) that is hard to leak by accident: it cannot be printed, copied
// or converted to std::string implicitly; its bytes are wiped (sodium_memzero) when it dies and when it is
// assigned over, and a move hands the bytes over without duplicating them, leaving the source empty.
// equals() takes the same time wherever two equal-length secrets differ.
// Bytes handed in through the string_view constructor are copied; wiping the original is the caller's job
// (Secret::take does it for a std::string). Not thread-safe for writes; const use from many threads is fine.
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace sportello {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string_view value);
  // Copies `source` into a Secret and wipes `source`, leaving it empty.
  static Secret take(std::string& source);

  ~Secret();
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;

  // A deliberate, visible copy.
  Secret clone() const { return Secret(reveal()); }

  // The bytes, valid while this Secret lives and is not assigned to. Keep the view short-lived.
  std::string_view reveal() const { return {data_, size_}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Constant time for equal lengths (sodium_memcmp); a different length answers false at once.
  bool equals(std::string_view other) const;
  bool equals(const Secret& other) const { return equals(other.reveal()); }

  friend std::ostream& operator<<(std::ostream&, const Secret&) = delete;

 private:
  void wipe() noexcept;

  char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace sportello
