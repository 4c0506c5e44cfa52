// Issue 15: the audit chain against an insider who administers the database. Each test writes rows through
// the real App on a real database file, tampers as such an insider could (the append-only triggers dropped,
// rows rewritten or deleted, the chain recomputed), and checks what VerifyAuditLog names.
#include <soci/soci.h>

#include <fstream>

#include "flows/checkpoint_audit_log.h"
#include "flows/verify_audit_log.h"
#include "scenario.h"

namespace sportello {
namespace {

using testing::AppFixture;

class AuditIntegrity : public AppFixture {
 protected:
  void append_rows(int n) {
    ASSERT_TRUE(ctx().store.run([&](Repositories& repos) -> Status {
      for (int i = 0; i < n; ++i) {
        repos.audit().append("citizen:12", "pin.login", "citizen:12", "try " + std::to_string(i), clock().now());
        clock().advance(Seconds{30});
      }
      return Ok{};
    }).ok());
  }
  std::optional<AuditCheckpoint> checkpoint() {
    auto written = CheckpointAuditLog(ctx(), app_->checkpoint_signer(), app_->checkpoint_file()).run();
    EXPECT_TRUE(written.ok()) << written.error().message;
    return written.ok() ? *written : std::nullopt;
  }
  AuditReport verify(std::vector<std::string> keys = {}) {
    if (keys.empty()) keys.push_back(app_->checkpoint_signer().public_key());
    auto report = VerifyAuditLog(ctx(), app_->audit_key(), app_->checkpoint_file(), keys, Minutes{5}).run();
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : AuditReport{};
  }
  // What a database administrator can do: run any SQL, with the append-only triggers out of the way.
  void as_insider(const std::vector<std::string>& statements) {
    Database::Lease lease(app_->database());
    soci::session& sql = lease.session();
    if (app_->database().dialect() == Dialect::sqlite) {
      sql << "DROP TRIGGER IF EXISTS audit_log_no_update";
      sql << "DROP TRIGGER IF EXISTS audit_log_no_delete";
    } else {
      sql << "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log";
    }
    for (const std::string& s : statements) sql << s;
  }
  std::vector<AuditEntry> rows() {
    std::vector<AuditEntry> out;
    EXPECT_TRUE(ctx().store.read([&](Repositories& repos) -> Status {
      out = repos.audit().read(1, 1000);
      return Ok{};
    }).ok());
    return out;
  }
  void set_link(std::int64_t seq, const std::string& prev, const std::string& link, const std::string& scheme) {
    as_insider({"UPDATE audit_log SET prev_hash = '" + prev + "', hash = '" + link + "', scheme = '" + scheme +
                "' WHERE seq = " + std::to_string(seq)});
  }
  std::vector<std::string> file_lines() { return app_->checkpoint_file().lines().value().value(); }
  void write_lines(const std::vector<std::string>& lines, bool last_newline = true) {
    std::ofstream out(app_->checkpoint_file().path(), std::ios::trunc);
    for (std::size_t i = 0; i < lines.size(); ++i) out << lines[i] << (i + 1 < lines.size() || last_newline ? "\n" : "");
  }
};

std::vector<std::string> codes(const AuditReport& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.code);
  return out;
}

TEST_F(AuditIntegrity, ACleanChainWithCheckpointsVerifies) {
  append_rows(3);
  ASSERT_TRUE(checkpoint().has_value());
  append_rows(2);
  ASSERT_TRUE(checkpoint().has_value());
  const AuditReport r = verify();
  EXPECT_FALSE(r.tampered());
  EXPECT_TRUE(r.findings.empty()) << r.findings.front().message;
  EXPECT_EQ(r.rows, 5);
  EXPECT_EQ(r.rows_checked, 5);
  EXPECT_EQ(r.first_keyed_seq, 1);
  EXPECT_EQ(r.checkpoints, 2);
  ASSERT_TRUE(r.last_checkpoint.has_value());
  EXPECT_EQ(r.last_checkpoint->seq, 5);
  EXPECT_EQ(r.rows_after_last_checkpoint, 0);
  for (const AuditEntry& e : rows()) EXPECT_EQ(e.scheme, AuditScheme::hmac_sha256);
}

TEST_F(AuditIntegrity, ACheckpointIsWrittenOnlyWhenTheHeadMoved) {
  EXPECT_FALSE(checkpoint().has_value()) << "an empty log has no head";
  append_rows(2);
  auto first = checkpoint();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->seq, 2);
  EXPECT_EQ(first->at, format_utc_iso(clock().now())) << "time from the Clock";
  EXPECT_FALSE(checkpoint().has_value());
  append_rows(1);
  EXPECT_EQ(checkpoint()->seq, 3);
  EXPECT_EQ(file_lines().size(), 2u);
}

TEST_F(AuditIntegrity, AnEditedFieldNamesTheRow) {
  append_rows(5);
  checkpoint();
  as_insider({"UPDATE audit_log SET details = 'nothing happened' WHERE seq = 3"});
  const AuditReport r = verify();
  EXPECT_TRUE(r.tampered());
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].code, "audit-row-changed");
  EXPECT_EQ(r.findings[0].seq, 3);
  EXPECT_NE(r.findings[0].message.find("row 3 changed"), std::string::npos) << r.findings[0].message;
  EXPECT_EQ(r.rows_checked, 2);
}

TEST_F(AuditIntegrity, AnEditWithTheChainRecomputedByPlainSha256IsCaught) {
  append_rows(5);
  as_insider({"UPDATE audit_log SET details = 'nothing happened' WHERE seq = 3"});
  // The insider recomputes rows 3 to 5 as the code before issue 15 did, keeping or dropping the scheme.
  auto all = rows();
  for (std::size_t i = 2; i < all.size(); ++i) {
    all[i].prev_hash = all[i - 1].hash;
    all[i].scheme = AuditScheme::sha256;
    all[i].hash = all[i].compute_hash();
    set_link(all[i].seq, all[i].prev_hash, all[i].hash, i == 2 ? "hmac-sha256" : "sha256");
  }
  AuditReport r = verify();
  EXPECT_TRUE(r.tampered());
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].seq, 3);
  set_link(3, all[2].prev_hash, all[2].hash, "sha256");
  r = verify();
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].seq, 3);
  EXPECT_NE(r.findings[0].message.find("unkeyed"), std::string::npos) << r.findings[0].message;
}

TEST_F(AuditIntegrity, AnEditWithTheChainRecomputedUnderAnotherKeyIsCaught) {
  append_rows(5);
  const AuditKey wrong = AuditKey::from_key(std::string(32, 'w')).value();
  as_insider({"UPDATE audit_log SET actor = 'citizen:13' WHERE seq = 4"});
  auto all = rows();
  for (std::size_t i = 3; i < all.size(); ++i) {
    all[i].prev_hash = all[i - 1].hash;
    all[i].hash = all[i].compute_link(wrong);
    set_link(all[i].seq, all[i].prev_hash, all[i].hash, "hmac-sha256");
  }
  const AuditReport r = verify();
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].code, "audit-row-changed");
  EXPECT_EQ(r.findings[0].seq, 4);
}

TEST_F(AuditIntegrity, AWholeChainRewrittenWithPlainSha256IsCaughtByACheckpoint) {
  append_rows(4);
  checkpoint();
  as_insider({"UPDATE audit_log SET details = 'nothing happened' WHERE seq = 2"});
  auto all = rows();
  for (std::size_t i = 0; i < all.size(); ++i) {
    all[i].prev_hash = i == 0 ? "" : all[i - 1].hash;
    all[i].scheme = AuditScheme::sha256;
    all[i].hash = all[i].compute_hash();
    set_link(all[i].seq, all[i].prev_hash, all[i].hash, "sha256");
  }
  const AuditReport r = verify();
  EXPECT_TRUE(r.tampered());
  EXPECT_EQ(codes(r), std::vector<std::string>{"audit-row-changed"}) << "the chain alone holds; the checkpoint not";
  EXPECT_EQ(r.findings[0].seq, 4);
  EXPECT_EQ(r.findings[0].line, 1);
}

TEST_F(AuditIntegrity, DeletedLastRowsAreCaughtByTheCheckpoint) {
  append_rows(6);
  const auto seen = checkpoint();
  ASSERT_TRUE(seen.has_value());
  as_insider({"DELETE FROM audit_log WHERE seq > 4"});
  const AuditReport r = verify();
  EXPECT_TRUE(r.tampered());
  EXPECT_EQ(codes(r), std::vector<std::string>{"audit-rows-missing"});
  EXPECT_EQ(r.findings[0].message, "rows after 4 missing: checkpoint at " + seen->at + " saw head 6");
  EXPECT_EQ(r.rows_checked, 4) << "the rows left still chain";
}

TEST_F(AuditIntegrity, DeletedRowsReplacedByNewOnesAreCaughtByTheCheckpoint) {
  append_rows(6);
  checkpoint();
  as_insider({"DELETE FROM audit_log WHERE seq > 4"});
  append_rows(3);  // the server goes on writing after the deletion: row 6 exists again, with another link
  const AuditReport r = verify();
  EXPECT_EQ(codes(r), std::vector<std::string>{"audit-row-changed"});
  EXPECT_EQ(r.findings[0].seq, 6);
}

TEST_F(AuditIntegrity, AnAlteredCheckpointLineIsNamed) {
  append_rows(2);
  checkpoint();
  append_rows(2);
  checkpoint();
  auto lines = file_lines();
  lines[0].replace(lines[0].find(" 2 "), 3, " 1 ");  // the seq of the first line, its shape intact
  write_lines(lines);
  const AuditReport r = verify();
  EXPECT_TRUE(r.tampered());
  EXPECT_EQ(codes(r), std::vector<std::string>{"audit-checkpoint-bad-signature"});
  EXPECT_EQ(r.findings[0].message, "checkpoint line 1 bad signature");
  EXPECT_EQ(r.checkpoints, 1);
}

TEST_F(AuditIntegrity, CheckpointsSignedByAnotherKeyAreRefused) {
  append_rows(2);
  checkpoint();
  const auto stranger = CheckpointSigner::from_seed(std::string(32, 'x')).value();
  EXPECT_EQ(codes(verify({stranger.public_key()})), std::vector<std::string>{"audit-checkpoint-bad-signature"});
  EXPECT_TRUE(verify({stranger.public_key(), app_->checkpoint_signer().public_key()}).findings.empty());
}

TEST_F(AuditIntegrity, ACheckpointFileCutMidLineIsNamed) {
  append_rows(2);
  checkpoint();
  append_rows(2);
  checkpoint();
  auto lines = file_lines();
  lines[1].resize(lines[1].size() / 2);
  write_lines(lines, false);
  const AuditReport r = verify();
  EXPECT_TRUE(r.tampered());
  EXPECT_EQ(codes(r), std::vector<std::string>{"audit-checkpoint-malformed"});
  EXPECT_EQ(r.findings[0].line, 2);
}

TEST_F(AuditIntegrity, ACheckpointFileThatLostItsLastLinesIsReported) {
  append_rows(2);
  checkpoint();
  append_rows(2);
  checkpoint();
  write_lines({file_lines()[0]});
  AuditReport r = verify();
  EXPECT_FALSE(r.tampered()) << "nothing is proven wrong yet";
  EXPECT_EQ(r.rows_after_last_checkpoint, 2);
  clock().advance(Minutes{11});  // longer than two intervals: the server would have written a line by now
  r = verify();
  EXPECT_FALSE(r.tampered());
  EXPECT_EQ(codes(r), std::vector<std::string>{"audit-checkpoints-behind"});
  EXPECT_NE(r.findings[0].message.find("rows 3 to 4 are in no checkpoint"), std::string::npos) << r.findings[0].message;
  write_lines({});
  EXPECT_EQ(codes(verify()), (std::vector<std::string>{"audit-checkpoint-file-empty"}));
}

TEST_F(AuditIntegrity, NoCheckpointFileIsAWarningNotATamper) {
  append_rows(2);
  const AuditReport r = verify();
  EXPECT_FALSE(r.tampered());
  EXPECT_EQ(codes(r), std::vector<std::string>{"audit-no-checkpoint-file"});
}

TEST_F(AuditIntegrity, RowsFromBeforeTheKeyKeepVerifying) {
  // Rows as the code before migration 0012 wrote them: plain SHA-256, scheme 'sha256' by the column's default.
  std::string prev;
  std::vector<std::string> inserts;
  for (int seq = 1; seq <= 3; ++seq) {
    AuditEntry e;
    e.seq = seq;
    e.at = clock().now();
    e.actor = "system";
    e.action = "pin.requested";
    e.subject = "citizen:1";
    e.prev_hash = prev;
    e.hash = e.compute_hash();
    prev = e.hash;
    inserts.push_back("INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (" +
                      std::to_string(seq) + ", " + std::to_string(to_unix(e.at)) +
                      ", 'system', 'pin.requested', 'citizen:1', '', '" + e.prev_hash + "', '" + e.hash + "')");
  }
  as_insider(inserts);
  append_rows(2);
  checkpoint();
  AuditReport r = verify();
  EXPECT_FALSE(r.tampered());
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.rows_checked, 5);
  EXPECT_EQ(r.first_keyed_seq, 4);
  // An old row edited and the plain chain recomputed up to the key: the first keyed row gives it away.
  as_insider({"UPDATE audit_log SET subject = 'citizen:2' WHERE seq = 1"});
  auto all = rows();
  for (std::size_t i = 0; i < 3; ++i) {
    all[i].prev_hash = i == 0 ? "" : all[i - 1].hash;
    all[i].hash = all[i].compute_hash();
    set_link(all[i].seq, all[i].prev_hash, all[i].hash, "sha256");
  }
  r = verify();
  ASSERT_FALSE(r.findings.empty());
  EXPECT_EQ(r.findings[0].seq, 4);
}

TEST_F(AuditIntegrity, AMissingAuditKeyIsRefusedOnceRowsAreKeyed) {
  Config config = base_config();
  std::filesystem::remove(config.audit.key_file);
  open(config);  // no keyed row yet: a fresh key is made
  append_rows(1);
  std::filesystem::remove(config.audit.key_file);
  app_.reset();
  auto refused = App::open(config, clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "audit-key-missing");
  EXPECT_NE(refused.error().message.find("from row 1 on"), std::string::npos) << refused.error().message;
  EXPECT_FALSE(std::filesystem::exists(config.audit.key_file)) << "no new key was made";
}

}  // namespace
}  // namespace sportello
