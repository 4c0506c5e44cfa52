#include "credential/argon2_hasher.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace sportello {
namespace {

// Small parameters keep the suite fast; one test runs the defaults.
constexpr Argon2Params kSmall{1024, 2, 1};

TEST(Argon2Hasher, VerifiesTheSecretItHashed) {
  const Argon2Hasher hasher(kSmall);
  for (const char* secret : {"ABCD2345EFGH6789", "Pin12345", "", "pässwörd with spaces"}) {
    EXPECT_TRUE(hasher.verify(hasher.hash(secret), secret)) << secret;
  }
}

TEST(Argon2Hasher, AnEmptySecretWithoutStorageHashesAndVerifies) {
  const Argon2Hasher hasher(kSmall);
  const std::string_view nothing;  // data() is null: libsodium must not be handed it (UBSan checks)
  const std::string encoded = hasher.hash(nothing);
  EXPECT_TRUE(hasher.verify(encoded, nothing));
  EXPECT_TRUE(hasher.verify(encoded, ""));
  EXPECT_FALSE(hasher.verify(hasher.hash("Pin12345"), nothing));
  hasher.burn_dummy_verify(nothing);
}

TEST(Argon2Hasher, RefusesAWrongSecret) {
  const Argon2Hasher hasher(kSmall);
  const std::string encoded = hasher.hash("Pin12345");
  for (const char* wrong : {"Pin12346", "pin12345", "Pin1234", "Pin123456", ""}) {
    EXPECT_FALSE(hasher.verify(encoded, wrong)) << wrong;
  }
}

TEST(Argon2Hasher, WritesAStandardPhcStringWith16ByteSaltAnd32ByteHash) {
  const std::string encoded = Argon2Hasher(kSmall).hash("Pin12345");
  const std::string head = "$argon2id$v=19$m=1024,t=2,p=1$";
  ASSERT_EQ(encoded.substr(0, head.size()), head) << encoded;
  const std::string salt = encoded.substr(head.size(), 22), hash = encoded.substr(head.size() + 23);
  EXPECT_EQ(encoded[head.size() + 22], '$') << encoded;
  EXPECT_EQ(hash.size(), 43u) << encoded;  // 16 bytes are 22 base64 characters unpadded, 32 bytes are 43
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  EXPECT_EQ(salt.find_first_not_of(alphabet), std::string::npos) << encoded;
  EXPECT_EQ(hash.find_first_not_of(alphabet), std::string::npos) << encoded;
}

TEST(Argon2Hasher, SaltsEachHashAfresh) {
  const Argon2Hasher hasher(kSmall);
  EXPECT_NE(hasher.hash("Pin12345"), hasher.hash("Pin12345"));
}

TEST(Argon2Hasher, DefaultParametersHashAndVerify) {
  const Argon2Hasher hasher{Argon2Params{}};
  const std::string encoded = hasher.hash("Pin12345");
  EXPECT_EQ(encoded.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << encoded;
  EXPECT_TRUE(hasher.verify(encoded, "Pin12345"));
  EXPECT_FALSE(hasher.verify(encoded, "Pin12346"));
  EXPECT_FALSE(hasher.needs_rehash(encoded));
}

TEST(Argon2Hasher, VerifiesWithTheParametersStoredInTheHash) {
  const std::string old = Argon2Hasher(Argon2Params{512, 1, 1}).hash("Pin12345");
  EXPECT_TRUE(Argon2Hasher(kSmall).verify(old, "Pin12345"));
}

TEST(Argon2Hasher, NeedsRehashWhenAnyConfiguredParameterGrew) {
  const std::string stored = Argon2Hasher(kSmall).hash("Pin12345");
  struct Case {
    Argon2Params configured;
    bool needs_rehash;
  };
  const Case cases[] = {
      {{1024, 2, 1}, false},  // equal
      {{512, 1, 1}, false},   // configured weaker than stored: keep the stronger hash
      {{2048, 2, 1}, true},   // more memory
      {{1024, 3, 1}, true},   // more passes
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Argon2Hasher(c.configured).needs_rehash(stored), c.needs_rehash)
        << c.configured.memory_kib << "," << c.configured.iterations << "," << c.configured.parallelism;
  }
}

// Known answers of the reference implementation (Debian's libargon2 0~20190702, argon2id_hash_encoded of
// "secret" with the salt 09 08 07 00 ... 00): libsodium computes the same function, and stored hashes with more
// lanes than sportello hashes with, or a shorter salt, still verify.
TEST(Argon2Hasher, VerifiesHashesOfTheReferenceImplementationWithOneLaneOrMore) {
  const Argon2Hasher hasher(kSmall);
  const std::string known[] = {
      "$argon2id$v=19$m=8192,t=2,p=1$CQgHAAAAAAAAAAAAAAAAAA$PNfY6FQGgNo91aAM8Zmu1cfyiYsm2rrryrRVptHUwtc",
      "$argon2id$v=19$m=16384,t=2,p=2$CQgHAAAAAAAAAAAAAAAAAA$8fNSbFavP3102RMr8GRlo22wM261MptRBZNp3RkU+xE",
      "$argon2id$v=19$m=32768,t=2,p=4$CQgHAAAAAAA$Rli/OfrVBn5ZDhgXwsElRaJP3jWLhR8cP/ermpW1fho",  // 8-byte salt
  };
  for (const auto& encoded : known) {
    EXPECT_TRUE(hasher.verify(encoded, "secret")) << encoded;
    EXPECT_FALSE(hasher.verify(encoded, "secreT")) << encoded;
    EXPECT_FALSE(hasher.needs_rehash(encoded)) << "stronger than configured: " << encoded;
  }
}

TEST(Argon2Hasher, MalformedEncodingsAreRefusedAndNeedRehash) {
  const Argon2Hasher hasher(kSmall);
  const std::string good = hasher.hash("Pin12345");
  const std::string tail = good.substr(good.find("$", 20));  // "$<salt>$<hash>"
  const std::string salt = tail.substr(1, 22), hash = tail.substr(24);
  const std::string bad[] = {
      "",
      "Pin12345",
      "$argon2i$v=19$m=1024,t=2,p=1" + tail,    // another variant
      "$argon2d$v=19$m=1024,t=2,p=1" + tail,
      "$argon2id$v=16$m=1024,t=2,p=1" + tail,   // another version
      "$argon2id$m=1024,t=2,p=1" + tail,        // version missing
      "$argon2id$v=19$t=2,m=1024,p=1" + tail,   // parameters out of order
      "$argon2id$v=19$m=01024,t=2,p=1" + tail,  // leading zero
      "$argon2id$v=19$m=+1024,t=2,p=1" + tail,
      "$argon2id$v=19$m=1024,t=2,p=1,k=1" + tail,
      "$argon2id$v=19$m=1024,t=0,p=1" + tail,   // out of bounds
      "$argon2id$v=19$m=1024,t=2,p=0" + tail,
      "$argon2id$v=19$m=4,t=2,p=1" + tail,
      "$argon2id$v=19$m=99999999999,t=2,p=1" + tail,
      "$argon2id$v=19$m=4294967295,t=2,p=1" + tail,
      "$argon2id$v=19$m=1024,t=2,p=1$" + salt,  // hash missing
      "$argon2id$v=19$m=1024,t=2,p=1$" + salt + "$",
      "$argon2id$v=19$m=1024,t=2,p=1$$" + hash,  // salt missing
      "$argon2id$v=19$m=1024,t=2,p=1$" + salt + "==$" + hash,  // padding
      "$argon2id$v=19$m=1024,t=2,p=1$" + salt + "$" + hash + "$",
      "$argon2id$v=19$m=1024,t=2,p=1$" + salt + "$" + hash + " ",
      "$argon2id$v=19$m=1024,t=2,p=1$" + salt + "$" + hash.substr(0, 20),  // 15 bytes: too short
      "$argon2id$v=19$m=1024,t=2,p=1$QUJD$" + hash,                        // 3-byte salt
      " " + good,
      good.substr(0, good.size() - 2),  // an impossible base64 length
  };
  for (const auto& encoded : bad) {
    EXPECT_FALSE(hasher.verify(encoded, "Pin12345")) << encoded;
    EXPECT_TRUE(hasher.needs_rehash(encoded)) << encoded;
  }
}

TEST(Argon2Hasher, VerifiesAHashMadeByLibsodium) {
  ASSERT_GE(sodium_init(), 0);
  char encoded[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(encoded, "Pin12345", 8, 2, 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13), 0);
  const Argon2Hasher hasher(kSmall);
  EXPECT_TRUE(hasher.verify(encoded, "Pin12345")) << encoded;
  EXPECT_FALSE(hasher.verify(encoded, "Pin12346"));
  EXPECT_FALSE(hasher.needs_rehash(encoded)) << encoded;
}

TEST(Argon2Hasher, LibsodiumVerifiesAHashMadeHere) {
  ASSERT_GE(sodium_init(), 0);
  const std::string encoded = Argon2Hasher(kSmall).hash("Pin12345");
  EXPECT_EQ(crypto_pwhash_str_verify(encoded.c_str(), "Pin12345", 8), 0);
  EXPECT_NE(crypto_pwhash_str_verify(encoded.c_str(), "Pin12346", 8), 0);
}

TEST(Argon2Hasher, HashesMadeOnTwoThreadsAtOnceVerify) {
  const Argon2Hasher hasher(kSmall);
  std::vector<std::string> hashes(2 * 8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 8; ++i) hashes[t * 8 + i] = hasher.hash("secret-" + std::to_string(t * 8 + i));
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < 16; ++i) {
    EXPECT_TRUE(hasher.verify(hashes[i], "secret-" + std::to_string(i))) << i;
    EXPECT_FALSE(hasher.verify(hashes[i], "secret-" + std::to_string((i + 1) % 16))) << i;
  }
}

TEST(Argon2Hasher, HashesAtEveryMemorySizeOneAfterAnother) {
  for (std::uint32_t m : {256u, 4096u, 1024u, 8192u, 512u}) {
    const Argon2Hasher hasher(Argon2Params{m, 1, 1});
    EXPECT_TRUE(hasher.verify(hasher.hash("Pin12345"), "Pin12345")) << m;
  }
}

long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  return -1;
}

TEST(Argon2Hasher, AHashLeavesNoWorkingMemoryBehind) {
  const Argon2Hasher hasher{Argon2Params{65536, 1, 1}};  // 64 MiB of blocks
  const std::string encoded = hasher.hash("Pin12345");
  const long before = resident_kib();
  EXPECT_TRUE(hasher.verify(encoded, "Pin12345"));
  EXPECT_FALSE(hasher.verify(encoded, "Pin12346"));
  const long after = resident_kib();
  EXPECT_LT(after - before, 8 * 1024) << "two verifies of 64 MiB each kept their pages: " << before << " -> "
                                      << after << " KiB";
}

// The fastest of a few runs: robust against other processes stealing the CPU now and then.
template <typename F>
std::chrono::nanoseconds fastest_of(int runs, F f) {
  auto best = std::chrono::nanoseconds::max();
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    f();
    const auto took = std::chrono::steady_clock::now() - start;
    best = std::min(best, std::chrono::duration_cast<std::chrono::nanoseconds>(took));
  }
  return best;
}

TEST(Argon2Hasher, DummyVerifyCostsWhatAVerifyCosts) {
  const Argon2Hasher hasher(Argon2Params{16384, 2, 1});
  const std::string encoded = hasher.hash("Pin12345");
  const auto real = fastest_of(7, [&] { (void)hasher.verify(encoded, "Pin12346"); });
  const auto dummy = fastest_of(7, [&] { hasher.burn_dummy_verify("Pin12346"); });
  // Equal work. The bounds are loose (a factor 5) because a busy machine — two test binaries and a build
  // on two cores — stretches either side; a dummy that skipped the hash (microseconds against
  // milliseconds, a factor of a thousand) still fails.
  EXPECT_GT(dummy * 5, real) << dummy.count() << "ns vs " << real.count() << "ns";
  EXPECT_LT(dummy, real * 5) << dummy.count() << "ns vs " << real.count() << "ns";
}

TEST(Argon2Hasher, ValidateRefusesParametersOutOfBounds) {
  struct Case {
    Argon2Params params;
    const char* field;  // empty when valid
  };
  const Case cases[] = {
      {{19456, 2, 1}, ""},          {{8, 1, 1}, ""},
      {{7, 1, 1}, "memory_kib"},    {{15, 1, 2}, "memory_kib"},
      {{(1u << 20) + 1, 1, 1}, "memory_kib"},
      {{1024, 0, 1}, "iterations"}, {{1024, 65, 1}, "iterations"},
      {{1024, 2, 0}, "parallelism"}, {{1024, 2, 17}, "parallelism"},
  };
  for (const auto& c : cases) {
    const Status status = Argon2Hasher::validate(c.params);
    if (std::string(c.field).empty()) {
      EXPECT_TRUE(status.ok()) << status.error().message;
    } else {
      ASSERT_FALSE(status.ok()) << c.field;
      EXPECT_EQ(status.error().field, c.field);
    }
  }
}

TEST(Argon2HasherDeathTest, InvalidParametersAbortAtConstruction) {
  EXPECT_DEATH(Argon2Hasher(Argon2Params{1024, 0, 1}), "iterations");
  EXPECT_DEATH(Argon2Hasher(Argon2Params{1024, 2, 2}), "parallelism must be 1");
}

}  // namespace
}  // namespace sportello
