#pragma once
// Argon2id hashes of PINs and passwords (SPEC §3: only salted, memory-hard hashes are stored), in the standard
// PHC string `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>` (16-byte random salt, 32-byte hash,
// base64 without padding), so each hash carries its own parameters. libsodium computes them, with the fastest
// block function the CPU has (AVX-512, AVX2, SSSE3 or portable, chosen at start); it maps the ~19 MiB working
// memory for each hash and unmaps it after, so a quiet server holds none (docs/decisions/0022).
// verify() never throws, refuses malformed strings and compares digests in constant time;
// burn_dummy_verify() costs what a verify costs, so an unknown account answers in the same time (SPEC §9).
// Thread-safe: the hasher is immutable.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sportello {

struct Argon2Params {
  std::uint32_t memory_kib = 19456;  // OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane
  std::uint32_t iterations = 2;
  std::uint32_t parallelism = 1;
};

class Argon2Hasher {
 public:
  // Bounds on parameters, configured or read from a stored hash. The upper ones keep a tampered row from
  // making a worker allocate gigabytes or spin for minutes.
  static constexpr std::uint32_t kMaxMemoryKib = 1u << 20;  // 1 GiB
  static constexpr std::uint32_t kMaxIterations = 64;
  static constexpr std::uint32_t kMaxParallelism = 16;

  // invalid_input naming the field when params are out of bounds: memory_kib >= 8 * parallelism,
  // 1 <= iterations <= kMaxIterations, 1 <= parallelism <= kMaxParallelism, memory_kib <= kMaxMemoryKib.
  static Status validate(const Argon2Params& params);

  // REQUIRES: validate(params).ok() and params.parallelism == 1 (libsodium hashes one lane; it verifies stored
  // hashes of any number); aborts with a message otherwise (configuration is checked at startup).
  explicit Argon2Hasher(Argon2Params params);

  const Argon2Params& params() const { return params_; }

  // A PHC string for `secret` with a fresh salt and the configured parameters.
  // Aborts only if the working memory cannot be allocated.
  std::string hash(std::string_view secret) const;

  // True when `encoded` is a well-formed argon2id PHC string (v=19) whose digest matches `secret`.
  // Uses the parameters stored in `encoded`, not the configured ones.
  bool verify(std::string_view encoded, std::string_view secret) const;

  // True when `encoded` should be replaced by hash(secret) at the next successful login: it is not a
  // well-formed argon2id string, or its m, t or p is below the configured one.
  bool needs_rehash(std::string_view encoded) const;

  // The work of one verify() at the configured parameters, against a fixed dummy hash; the answer is dropped.
  void burn_dummy_verify(std::string_view secret) const;

 private:
  Argon2Params params_;
  std::string dummy_;  // a well-formed PHC string at params_ that no secret matches in practice
};

}  // namespace sportello
