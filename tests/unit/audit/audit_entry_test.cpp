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

const AuditKey& key() {
  static const AuditKey k = AuditKey::from_key(std::string(32, 'a')).value();
  return k;
}
const AuditKey& other_key() {
  static const AuditKey k = AuditKey::from_key(std::string(32, 'b')).value();
  return k;
}

std::optional<std::int64_t> broken_at(const std::vector<AuditEntry>& rows) {
  auto b = first_broken_link(rows, key());
  return b ? std::optional<std::int64_t>(b->seq) : std::nullopt;
}

// Recomputes the links of rows[from-1 …] as an insider would after editing: with `link`, each prev_hash
// following the row before.
template <typename Link>
void relink_from(std::vector<AuditEntry>& rows, int from, Link link) {
  for (std::size_t i = static_cast<std::size_t>(from - 1); i < rows.size(); ++i) {
    rows[i].prev_hash = i == 0 ? "" : rows[i - 1].hash;
    rows[i].hash = link(rows[i]);
  }
}

// Five rows linked by hand, as the log would write them: the first `plain` with SHA-256 (rows from before the
// key), the others keyed.
std::vector<AuditEntry> chain_of_five(int plain = 0) {
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
    e.scheme = i < plain ? AuditScheme::sha256 : AuditScheme::hmac_sha256;
    e.prev_hash = prev;
    e.hash = e.compute_link(key());
    prev = e.hash;
    rows.push_back(e);
  }
  return rows;
}

// Row with the given seq (1-based) in an untouched chain.
AuditEntry& row(std::vector<AuditEntry>& rows, int seq) { return rows[static_cast<std::size_t>(seq - 1)]; }

TEST(AuditEntry, ACitizenIsNamedByTheirId) {
  // Rows already written name citizens so, and a citizen's page reads the rows about them by this name.
  EXPECT_EQ(citizen_ref(12), "citizen:12");
  EXPECT_EQ(citizen_ref(9007199254740993), "citizen:9007199254740993");
}

TEST(AuditChain, AChainBuiltByHandHolds) {
  const auto rows = chain_of_five();
  EXPECT_EQ(broken_at(rows), std::nullopt);
  EXPECT_EQ(rows[0].prev_hash, "");
  for (const auto& r : rows) EXPECT_EQ(r.hash.size(), 64u) << r.seq;
  EXPECT_EQ(broken_at({}), std::nullopt);
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
      {"row 3 seq", [](auto& r) { row(r, 3).seq = 30; }, 3},
      {"row 3 prev_hash", [](auto& r) { row(r, 3).prev_hash = row(r, 1).hash; }, 3},
      {"row 3 hash", [](auto& r) { row(r, 3).hash = row(r, 4).hash; }, 3},
      {"row 3 edited and re-hashed",
       [](auto& r) {
         row(r, 3).details = "rewritten";
         row(r, 3).hash = row(r, 3).compute_link(key());
       },
       4},
      {"row 3 edited, the chain recomputed with plain SHA-256",
       [](auto& r) {
         row(r, 3).details = "rewritten";
         relink_from(r, 3, [](const AuditEntry& e) { return e.compute_hash(); });
       },
       3},
      {"row 3 edited, the chain recomputed with another key",
       [](auto& r) {
         row(r, 3).details = "rewritten";
         relink_from(r, 3, [](const AuditEntry& e) { return e.compute_link(other_key()); });
       },
       3},
      {"row 3 and after downgraded to SHA-256",
       [](auto& r) {
         for (int seq = 3; seq <= 5; ++seq) row(r, seq).scheme = AuditScheme::sha256;
         relink_from(r, 3, [](const AuditEntry& e) { return e.compute_hash(); });
       },
       3},
      {"row 3 scheme renamed only", [](auto& r) { row(r, 3).scheme = AuditScheme::sha256; }, 3},
      {"row 3 removed", [](auto& r) { r.erase(r.begin() + 2); }, 3},
      {"rows 3 and 4 swapped", [](auto& r) { std::swap(row(r, 3), row(r, 4)); }, 3},
      {"row 3 repeated", [](auto& r) { r.insert(r.begin() + 3, row(r, 3)); }, 3},
      {"row 1 given a prev_hash", [](auto& r) { row(r, 1).prev_hash = std::string(64, '0'); }, 1},
      {"row 1 removed", [](auto& r) { r.erase(r.begin()); }, 1},
      {"last row details", [](auto& r) { row(r, 5).details.clear(); }, 5},
  };
  for (const auto& c : cases) {
    auto rows = chain_of_five();
    c.tamper(rows);
    EXPECT_EQ(broken_at(rows), c.broken_at) << c.name;
  }
}

TEST(AuditChain, RowsFromBeforeTheKeyKeepVerifyingAndAreCoveredByTheFirstKeyedRow) {
  auto rows = chain_of_five(2);
  EXPECT_EQ(broken_at(rows), std::nullopt);
  AuditChainCheck check(key());
  for (const auto& r : rows) ASSERT_FALSE(check.next(r).has_value());
  EXPECT_EQ(check.first_keyed_seq(), 3);
  EXPECT_EQ(check.rows_checked(), 5);
  EXPECT_EQ(check.head_link(), rows[4].hash);
  // A plain row edited and the plain part of the chain recomputed: the first keyed row no longer matches.
  row(rows, 1).details = "rewritten";
  relink_from(rows, 1, [](const AuditEntry& e) { return e.compute_hash(); });
  row(rows, 3).prev_hash = row(rows, 2).hash;
  EXPECT_EQ(broken_at(rows), 3);
}

TEST(AuditChain, TheKeyedLinkNeedsTheKeyAndCoversTheScheme) {
  AuditEntry e = chain_of_five()[0];
  EXPECT_NE(e.compute_link(key()), e.compute_link(other_key()));
  EXPECT_NE(e.compute_link(key()), e.compute_hash());
  AuditEntry plain = e;
  plain.scheme = AuditScheme::sha256;
  EXPECT_EQ(plain.compute_link(key()), plain.compute_hash());
  EXPECT_EQ(plain.compute_link(other_key()), plain.compute_hash()) << "plain links need no key";
  EXPECT_EQ(audit_scheme_from(to_string(AuditScheme::hmac_sha256)), AuditScheme::hmac_sha256);
  EXPECT_EQ(audit_scheme_from("sha256"), AuditScheme::sha256);
  EXPECT_EQ(audit_scheme_from("md5"), std::nullopt);
  EXPECT_FALSE(AuditKey::from_key("short").ok());
}

TEST(AuditChain, TheFaultIsNamed) {
  auto rows = chain_of_five();
  rows.erase(rows.begin() + 3);
  auto missing = first_broken_link(rows, key());
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->seq, 4);
  EXPECT_EQ(missing->fault, AuditChainCheck::Fault::missing);
  rows = chain_of_five();
  row(rows, 5).scheme = AuditScheme::sha256;
  row(rows, 5).hash = row(rows, 5).compute_hash();
  auto downgraded = first_broken_link(rows, key());
  ASSERT_TRUE(downgraded.has_value());
  EXPECT_EQ(downgraded->fault, AuditChainCheck::Fault::downgraded);
  rows = chain_of_five();
  row(rows, 2).actor = "x";
  EXPECT_EQ(first_broken_link(rows, key())->fault, AuditChainCheck::Fault::changed);
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
  for (const auto& c : cases) {
    EXPECT_NE(c.a.compute_hash(), c.b.compute_hash()) << c.name;
    EXPECT_NE(c.a.compute_link(key()), c.b.compute_link(key())) << c.name;
  }
}

TEST(AuditChain, TheHashIsAFunctionOfTheFieldsOnly) {
  const auto rows = chain_of_five();
  AuditEntry copy = rows[2];
  copy.hash = "anything";
  EXPECT_EQ(copy.compute_link(key()), rows[2].hash);
  EXPECT_EQ(chain_of_five()[4].hash, rows[4].hash) << "deterministic";
}

}  // namespace
}  // namespace sportello
