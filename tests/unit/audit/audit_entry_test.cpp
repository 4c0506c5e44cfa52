#include "audit/audit_entry.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sportello {
namespace {

using namespace std::chrono;

const Instant kStart = Instant{sys_days{year{2026} / 4 / 1}} + hours{7};

// Five rows linked by hand, as the log would write them.
std::vector<AuditEntry> chain_of_five() {
  const char* const actions[] = {"pin.requested", "pin.confirmed", "pin.login", "pin.changed", "pin.revoked"};
  std::vector<AuditEntry> rows;
  std::string prev;
  for (int i = 0; i < 5; ++i) {
    AuditEntry e;
    e.seq = i + 1;
    e.at = kStart + Minutes{10 * i};
    e.actor = i == 1 ? "staff:mrossi" : "citizen:12";
    e.action = actions[i];
    e.subject = "citizen:12";
    e.details = "step " + std::to_string(i + 1);
    e.prev_hash = prev;
    e.hash = e.compute_hash();
    prev = e.hash;
    rows.push_back(e);
  }
  return rows;
}

// Row with the given seq (1-based) in an untouched chain.
AuditEntry& row(std::vector<AuditEntry>& rows, int seq) { return rows[static_cast<std::size_t>(seq - 1)]; }

TEST(AuditChain, AChainBuiltByHandHolds) {
  const auto rows = chain_of_five();
  EXPECT_EQ(first_broken_link(rows), std::nullopt);
  EXPECT_EQ(rows[0].prev_hash, "");
  for (const auto& r : rows) EXPECT_EQ(r.hash.size(), 64u) << r.seq;
  EXPECT_EQ(first_broken_link({}), std::nullopt);
}

TEST(AuditChain, TamperingIsFoundAtTheFirstRowItBreaks) {
  using Tamper = void (*)(std::vector<AuditEntry>&);
  struct Case {
    const char* name;
    Tamper tamper;
    std::int64_t broken_at;
  };
  const Case cases[] = {
      {"row 3 actor", [](auto& r) { row(r, 3).actor = "citizen:13"; }, 3},
      {"row 3 action", [](auto& r) { row(r, 3).action = "pin.login.failed"; }, 3},
      {"row 3 subject", [](auto& r) { row(r, 3).subject = "citizen:99"; }, 3},
      {"row 3 details", [](auto& r) { row(r, 3).details += "!"; }, 3},
      {"row 3 at, one second", [](auto& r) { row(r, 3).at += Seconds{1}; }, 3},
      {"row 3 seq", [](auto& r) { row(r, 3).seq = 30; }, 30},
      {"row 3 prev_hash", [](auto& r) { row(r, 3).prev_hash = row(r, 1).hash; }, 3},
      {"row 3 hash", [](auto& r) { row(r, 3).hash = row(r, 4).hash; }, 3},
      {"row 3 edited and re-hashed",
       [](auto& r) {
         row(r, 3).details = "rewritten";
         row(r, 3).hash = row(r, 3).compute_hash();
       },
       4},
      {"row 3 removed", [](auto& r) { r.erase(r.begin() + 2); }, 4},
      {"rows 3 and 4 swapped", [](auto& r) { std::swap(row(r, 3), row(r, 4)); }, 4},
      {"row 3 repeated", [](auto& r) { r.insert(r.begin() + 3, row(r, 3)); }, 3},
      {"row 1 given a prev_hash", [](auto& r) { row(r, 1).prev_hash = std::string(64, '0'); }, 1},
      {"row 1 removed", [](auto& r) { r.erase(r.begin()); }, 2},
      {"last row details", [](auto& r) { row(r, 5).details.clear(); }, 5},
  };
  for (const auto& c : cases) {
    auto rows = chain_of_five();
    c.tamper(rows);
    EXPECT_EQ(first_broken_link(rows), c.broken_at) << c.name;
  }
}

TEST(AuditChain, HashesDifferWhenFieldBoundariesShift) {
  auto entry = [](std::string actor, std::string action, std::string subject, std::string details,
                  std::string prev_hash) {
    AuditEntry e;
    e.seq = 1;
    e.at = kStart;
    e.actor = std::move(actor);
    e.action = std::move(action);
    e.subject = std::move(subject);
    e.details = std::move(details);
    e.prev_hash = std::move(prev_hash);
    return e;
  };
  struct Case {
    const char* name;
    AuditEntry a;
    AuditEntry b;
  };
  const Case cases[] = {
      {"actor|action", entry("ab", "c", "s", "d", ""), entry("a", "bc", "s", "d", "")},
      {"action|subject", entry("x", "ab", "c", "d", ""), entry("x", "a", "bc", "d", "")},
      {"subject|details", entry("x", "y", "ab", "c", ""), entry("x", "y", "a", "bc", "")},
      {"details|prev_hash", entry("x", "y", "z", "ab", "c"), entry("x", "y", "z", "a", "bc")},
      {"empty field moved", entry("", "ab", "s", "d", ""), entry("ab", "", "s", "d", "")},
      {"a length prefix smuggled in", entry("1:a", "", "s", "d", ""), entry("", "1:a", "s", "d", "")},
  };
  for (const auto& c : cases) EXPECT_NE(c.a.compute_hash(), c.b.compute_hash()) << c.name;
}

TEST(AuditChain, TheHashIsAFunctionOfTheFieldsOnly) {
  const auto rows = chain_of_five();
  AuditEntry copy = rows[2];
  copy.hash = "anything";
  EXPECT_EQ(copy.compute_hash(), rows[2].hash);
  EXPECT_EQ(chain_of_five()[4].hash, rows[4].hash) << "deterministic";
}

}  // namespace
}  // namespace sportello
