// sportelloctl audit verify | list
#include "cli/console.h"

namespace sportello::cli {
namespace {

constexpr int kPage = 1000;

void verify(Console& console) {
  App* app = console.app();
  if (!app) return;
  std::int64_t checked = 0;
  std::optional<std::int64_t> broken;
  std::string prev_hash;
  auto status = app->context().store.run([&](Repositories& repos) -> Status {
    for (std::int64_t from = 1;; from += kPage) {
      std::vector<AuditEntry> page = repos.audit().read(from, kPage);
      if (page.empty()) break;
      // Each page is checked as a continuation of the chain so far.
      for (AuditEntry& row : page) {
        if (row.seq != checked + 1 || row.prev_hash != prev_hash || row.compute_hash() != row.hash) {
          broken = row.seq;
          return Ok{};
        }
        prev_hash = row.hash;
        ++checked;
      }
    }
    return Ok{};
  });
  if (!status) return console.refused(status.error());
  if (broken) {
    console.refused(Error{ErrorKind::conflict, "audit-chain-broken",
                          "The audit chain is broken at row " + std::to_string(*broken) + " (rows before it check out).",
                          "seq", {}});
    return;
  }
  console.done("The audit chain holds: " + std::to_string(checked) + " rows checked.", {{"ok", true}, {"rows", checked}});
}

void list(Console& console, const std::string& subject, int limit) {
  App* app = console.app();
  if (!app) return;
  std::vector<AuditEntry> rows;
  auto status = app->context().store.run([&](Repositories& repos) -> Status {
    rows = subject.empty() ? repos.audit().read(1, limit) : repos.audit().about(subject, limit);
    return Ok{};
  });
  if (!status) return console.refused(status.error());
  boost::json::array out;
  std::string text;
  for (const AuditEntry& e : rows) {
    out.push_back(boost::json::object{{"seq", e.seq}, {"at", format_utc_iso(e.at)}, {"actor", e.actor},
                                      {"action", e.action}, {"subject", e.subject}, {"details", e.details}});
    text += std::to_string(e.seq) + "  " + format_rome_datetime(e.at) + "  " + e.actor + "  " + e.action + "  " +
            e.subject + (e.details.empty() ? "" : "  " + e.details) + "\n";
  }
  console.done(text.empty() ? "No audit rows." : text, {{"rows", out}});
}

}  // namespace

void add_audit_commands(CLI::App& root, Console& console) {
  CLI::App* audit = root.add_subcommand("audit", "The hash-chained audit log")->require_subcommand(1);
  audit->add_subcommand("verify", "Check the whole chain; names the first bad row")->callback([&console] { verify(console); });
  auto subject = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(100);
  CLI::App* list_cmd = audit->add_subcommand("list", "Show rows (all from the start, or the newest about a subject)");
  list_cmd->add_option("--subject", *subject, "e.g. citizen:12 or staff:mrossi");
  list_cmd->add_option("--limit", *limit, "At most this many (default 100)")->check(CLI::Range(1, 100000));
  list_cmd->callback([&console, subject, limit] { list(console, *subject, *limit); });
}

}  // namespace sportello::cli
