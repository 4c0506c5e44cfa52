#include "flows/verify_audit_log.h"

#include <algorithm>
#include <map>

#include "core/civil_time.h"

namespace sportello {
namespace {

constexpr int kPage = 1000;

struct Line {
  std::int64_t number;
  AuditCheckpoint checkpoint;
};

AuditFinding tamper(std::string code, std::string message, std::optional<std::int64_t> seq = {},
                    std::optional<std::int64_t> line = {}) {
  return AuditFinding{true, std::move(code), std::move(message), seq, line};
}

AuditFinding warning(std::string code, std::string message) {
  return AuditFinding{false, std::move(code), std::move(message), {}, {}};
}

AuditFinding chain_finding(const AuditChainCheck::Break& b) {
  const std::string row = "row " + std::to_string(b.seq);
  switch (b.fault) {
    case AuditChainCheck::Fault::missing:
      return tamper("audit-row-missing", row + " missing: the log skips it (rows before it check out)", b.seq);
    case AuditChainCheck::Fault::downgraded:
      return tamper("audit-row-changed",
                    row + " changed: it carries an unkeyed sha256 link after keyed rows (rows before it check out)",
                    b.seq);
    case AuditChainCheck::Fault::changed: break;
  }
  return tamper("audit-row-changed",
                row + " changed: its link does not match its contents and the row before it (rows before it check out)",
                b.seq);
}

bool signed_by_any(const AuditCheckpoint& c, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    if (checkpoint_signature_holds(c, key)) return true;
  }
  return false;
}

}  // namespace

bool AuditReport::tampered() const {
  for (const AuditFinding& f : findings) {
    if (f.tamper) return true;
  }
  return false;
}

Result<AuditReport> VerifyAuditLog::run() {
  AuditReport report;
  // The checkpoint file first: it is small, and its lines say which rows' links to keep while walking the log.
  auto lines = file_.lines();
  if (!lines) return lines.error();
  std::vector<Line> good;
  std::map<std::int64_t, std::string> link_at;  // seq a checkpoint names -> the link the log holds there
  if (*lines) {
    std::int64_t number = 0;
    for (const std::string& text : **lines) {
      ++number;
      const std::string where = "checkpoint line " + std::to_string(number);
      auto parsed = AuditCheckpoint::parse(text);
      if (!parsed) {
        report.findings.push_back(tamper("audit-checkpoint-malformed",
                                         where + " malformed: not a checkpoint (a line altered or cut short)", {},
                                         number));
      } else if (!signed_by_any(*parsed, public_keys_)) {
        report.findings.push_back(tamper("audit-checkpoint-bad-signature", where + " bad signature", {}, number));
      } else {
        link_at.emplace(parsed->seq, std::string());
        good.push_back(Line{number, std::move(*parsed)});
      }
    }
  }

  AuditChainCheck chain(key_);
  std::optional<AuditChainCheck::Break> broken;
  std::optional<AuditEntry> head;
  std::optional<AuditEntry> first_uncovered;  // the first row after the last good checkpoint
  std::int64_t covered = 0;  // the highest seq a good checkpoint saw
  for (const Line& line : good) covered = std::max(covered, line.checkpoint.seq);
  Status read = ctx_.store.read([&](Repositories& repos) -> Status {
    for (std::int64_t from = 1;;) {
      std::vector<AuditEntry> page = repos.audit().read(from, kPage);
      if (!page.empty()) from = page.back().seq + 1;  // by seq, not by count: a gap must not repeat rows
      for (AuditEntry& row : page) {
        if (!broken) broken = chain.next(row);
        if (auto it = link_at.find(row.seq); it != link_at.end()) it->second = row.hash;
        if (row.seq > covered && !first_uncovered) first_uncovered = row;
        head = std::move(row);
      }
      if (page.size() < static_cast<std::size_t>(kPage)) return Ok{};
    }
  });
  if (!read) return read.error();
  report.rows = head ? head->seq : 0;
  report.rows_checked = chain.rows_checked();
  report.first_keyed_seq = chain.first_keyed_seq();
  if (broken) report.findings.insert(report.findings.begin(), chain_finding(*broken));

  for (const Line& line : good) {
    const AuditCheckpoint& c = line.checkpoint;
    const std::string& held = link_at.at(c.seq);
    if (report.rows < c.seq) {
      report.findings.push_back(tamper("audit-rows-missing",
                                       "rows after " + std::to_string(report.rows) + " missing: checkpoint at " + c.at +
                                           " saw head " + std::to_string(c.seq),
                                       report.rows + 1, line.number));
    } else if (held != c.link) {
      report.findings.push_back(tamper("audit-row-changed",
                                       "row " + std::to_string(c.seq) + " changed: checkpoint at " + c.at +
                                           " (line " + std::to_string(line.number) + ") saw another link",
                                       c.seq, line.number));
    } else {
      ++report.checkpoints;
      report.last_checkpoint = c;
    }
  }

  if (report.rows > 0) {
    const std::string path = file_.path().string();
    if (!*lines) {
      report.findings.push_back(warning("audit-no-checkpoint-file",
                                        "no checkpoint file at " + path +
                                            ": deleted rows at the end cannot be told apart from rows never written"));
    } else if ((*lines)->empty()) {
      report.findings.push_back(warning("audit-checkpoint-file-empty", "checkpoint file " + path + " is empty"));
    }
    if (first_uncovered) {
      report.rows_after_last_checkpoint = report.rows - first_uncovered->seq + 1;
      if (*lines && !(*lines)->empty() && ctx_.clock.now() - first_uncovered->at > 2 * checkpoint_every_) {
        report.findings.push_back(warning(
            "audit-checkpoints-behind",
            "rows " + std::to_string(first_uncovered->seq) + " to " + std::to_string(report.rows) +
                " are in no checkpoint, the first from " + format_utc_iso(first_uncovered->at) +
                ": the checkpoint file may have lost its last lines, or no server has written checkpoints since"));
      }
    }
  }
  return report;
}

}  // namespace sportello
