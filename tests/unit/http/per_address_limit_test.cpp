// PerAddressLimit (issue 15): an address is admitted up to its cap and refused beyond it while other
// addresses are not affected; an IPv4-mapped IPv6 address counts as its IPv4 address; a closed connection
// gives its place back and an address with none open leaves the table.
#include "http/per_address_limit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace sportello::http {
namespace {

namespace ip = boost::asio::ip;

ip::address at(const char* text) { return ip::make_address(text); }

struct CanonicalRow {
  const char* given;
  const char* canonical;
};

TEST(CanonicalAddress, MapsIpv4MappedIpv6ToIpv4AndLeavesEveryOtherAddressAlone) {
  const CanonicalRow rows[] = {
      {"::ffff:127.0.0.2", "127.0.0.2"},
      {"::ffff:203.0.113.7", "203.0.113.7"},
      {"203.0.113.7", "203.0.113.7"},
      {"2001:db8::1", "2001:db8::1"},
      {"::1", "::1"},
      {"::127.0.0.1", "::127.0.0.1"},  // IPv4-compatible (deprecated), not mapped: another address
  };
  for (const CanonicalRow& row : rows) EXPECT_EQ(canonical_address(at(row.given)).to_string(), row.canonical) << row.given;
}

TEST(PerAddressLimit, AdmitsUpToTheCapThenRefusesThatAddressOnly) {
  PerAddressLimit limit(3);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limit.try_admit(at("127.0.0.1"))) << i;
  EXPECT_FALSE(limit.try_admit(at("127.0.0.1")));
  EXPECT_FALSE(limit.try_admit(at("::ffff:127.0.0.1"))) << "the mapped form is the same client";
  EXPECT_TRUE(limit.try_admit(at("127.0.0.2")));
  EXPECT_TRUE(limit.try_admit(at("2001:db8::1")));
  EXPECT_EQ(limit.open_from(at("127.0.0.1")), 3u);
  EXPECT_EQ(limit.open_from(at("::ffff:127.0.0.1")), 3u);
  EXPECT_EQ(limit.open_from(at("127.0.0.2")), 1u);
  EXPECT_EQ(limit.addresses(), 3u);
}

TEST(PerAddressLimit, AReleasedPlaceIsAdmittedAgainAndAnAddressWithNoneOpenLeavesTheTable) {
  PerAddressLimit limit(2);
  ASSERT_TRUE(limit.try_admit(at("::ffff:10.0.0.1")));
  ASSERT_TRUE(limit.try_admit(at("10.0.0.1")));
  ASSERT_FALSE(limit.try_admit(at("10.0.0.1")));
  limit.release(at("10.0.0.1"));
  EXPECT_EQ(limit.open_from(at("10.0.0.1")), 1u);
  EXPECT_TRUE(limit.try_admit(at("10.0.0.1")));
  limit.release(at("10.0.0.1"));
  limit.release(at("::ffff:10.0.0.1"));
  EXPECT_EQ(limit.open_from(at("10.0.0.1")), 0u);
  EXPECT_EQ(limit.addresses(), 0u);
}

TEST(PerAddressLimit, ARefusedAddressLeavesNoEntry) {
  PerAddressLimit limit(1);
  ASSERT_TRUE(limit.try_admit(at("10.0.0.1")));
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(limit.try_admit(at("10.0.0.1")));
  limit.release(at("10.0.0.1"));
  EXPECT_EQ(limit.addresses(), 0u);
}

// Threads admitting and releasing on a few shared addresses: no count is lost, none goes over the cap, and
// the table is empty once every admitted connection is released.
TEST(PerAddressLimit, ThreadsNeverPassTheCapAndLeaveTheTableEmpty) {
  constexpr std::size_t cap = 4;
  PerAddressLimit limit(cap);
  const ip::address addresses[] = {at("10.0.0.1"), at("::ffff:10.0.0.1"), at("10.0.0.2"), at("2001:db8::9")};
  std::atomic<bool> over{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const ip::address& a = addresses[(t + i) % 4];
        if (!limit.try_admit(a)) continue;
        if (limit.open_from(a) > cap) over = true;
        limit.release(a);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_FALSE(over.load());
  EXPECT_EQ(limit.addresses(), 0u);
}

}  // namespace
}  // namespace sportello::http
