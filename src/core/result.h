#pragma once
// Result<T>: a value or an Error, never both. Domain operations return it instead of throwing.
// Reading value() of an error (or error() of a value) is a programming mistake and aborts.
#include <cstdlib>
#include <utility>
#include <variant>

#include "core/error.h"

namespace sportello {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}     // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & { check(ok()); return std::get<T>(state_); }
  const T& value() const& { check(ok()); return std::get<T>(state_); }
  T&& value() && { check(ok()); return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { check(!ok()); return std::get<Error>(state_); }

 private:
  static void check(bool condition) { if (!condition) std::abort(); }
  std::variant<T, Error> state_;
};

// Result<void>: success carries nothing.
struct Ok {};
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Ok) {}                                          // NOLINT
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT
  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { if (!failed_) std::abort(); return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace sportello
