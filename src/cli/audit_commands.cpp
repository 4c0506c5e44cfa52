// sportelloctl audit verify | checkpoint | public-key | list
#include <iostream>

#include "cli/console.h"
#include "flows/checkpoint_audit_log.h"
#include "flows/verify_audit_log.h"

namespace sportello::cli {
namespace {

boost::json::object checkpoint_json(const AuditCheckpoint& c) {
  return boost::json::object{{"at", c.at}, {"seq", c.seq}, {"link", c.link}};
}

boost::json::object report_json(const AuditReport& r) {
  boost::json::array findings;
  for (const AuditFinding& f : r.findings) {
    boost::json::object o{{"severity", f.tamper ? "tamper" : "warning"}, {"code", f.code}, {"message", f.message}};
    if (f.seq) o["seq"] = *f.seq;
    if (f.line) o["line"] = *f.line;
    findings.push_back(std::move(o));
  }
  boost::json::object out{{"ok", !r.tampered()},
                          {"rows", r.rows},
                          {"rows_checked", r.rows_checked},
                          {"checkpoints", r.checkpoints},
                          {"rows_after_last_checkpoint", r.rows_after_last_checkpoint},
                          {"findings", findings}};
  out["first_keyed_seq"] = r.first_keyed_seq ? boost::json::value(*r.first_keyed_seq) : boost::json::value(nullptr);
  out["last_checkpoint"] =
      r.last_checkpoint ? boost::json::value(checkpoint_json(*r.last_checkpoint)) : boost::json::value(nullptr);
  return out;
}

std::string report_text(const AuditReport& r) {
  std::string text;
  for (const AuditFinding& f : r.findings) text += (f.tamper ? "TAMPER: " : "warning: ") + f.message + "\n";
  text += r.tampered() ? "The audit log has been tampered with." : "The audit chain holds";
  if (!r.tampered()) {
    text += ": " + std::to_string(r.rows_checked) + " rows checked";
    if (r.first_keyed_seq && *r.first_keyed_seq > 1)
      text += " (rows 1 to " + std::to_string(*r.first_keyed_seq - 1) + " with plain SHA-256 links, from before the key)";
    text += ", " + std::to_string(r.checkpoints) + " checkpoints hold";
    if (r.last_checkpoint) text += ", the last at " + r.last_checkpoint->at + " on row " + std::to_string(r.last_checkpoint->seq);
    text += ".";
  }
  return text;
}

void verify(Console& console, const std::vector<std::string>& public_keys) {
  App* app = console.app();
  if (!app) return;
  // Keys given on the command line (copies kept away from this host) replace the one the signing seed makes:
  // a seed replaced by an intruder must not vouch for its own lines.
  std::vector<std::string> keys = public_keys;
  if (keys.empty()) keys.push_back(app->checkpoint_signer().public_key());
  VerifyAuditLog flow(app->context(), app->audit_key(), app->checkpoint_file(), keys,
                      app->config().audit.checkpoint_every);
  auto report = flow.run();
  if (!report) return console.refused(report.error());
  boost::json::object out = report_json(*report);
  if (report->tampered()) {
    std::string message;
    for (const AuditFinding& f : report->findings)
      if (f.tamper) message += (message.empty() ? "" : "; ") + f.message;
    out["error"] = boost::json::object{{"kind", "conflict"}, {"code", "audit-chain-broken"}, {"message", message}};
    console.exit_code = kExitRefused;
    if (console.json) console.done("", out);
    else std::cerr << report_text(*report) << "\n";
    return;
  }
  console.done(report_text(*report), out);
}

void checkpoint(Console& console) {
  App* app = console.app();
  if (!app) return;
  CheckpointAuditLog flow(app->context(), app->checkpoint_signer(), app->checkpoint_file());
  auto written = flow.run();
  if (!written) return console.refused(written.error());
  const std::string file = app->checkpoint_file().path().string();
  if (!*written) {
    console.done("Nothing to checkpoint: the audit log is empty or its head is already in " + file + ".",
                 {{"written", false}, {"file", file}});
    return;
  }
  console.done("Checkpoint written to " + file + ": row " + std::to_string((*written)->seq) + " at " + (*written)->at + ".",
               {{"written", true}, {"file", file}, {"checkpoint", checkpoint_json(**written)}});
}

void public_key(Console& console) {
  App* app = console.app();
  if (!app) return;
  const std::string& key = app->checkpoint_signer().public_key();
  console.done(key, {{"public_key", key}, {"algorithm", "ed25519"}});
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
  CLI::App* audit = root.add_subcommand("audit", "The keyed audit chain and its signed checkpoints")->require_subcommand(1);
  auto keys = std::make_shared<std::vector<std::string>>();
  CLI::App* verify_cmd =
      audit->add_subcommand("verify", "Check the chain with the audit key and every checkpoint; names what is wrong");
  verify_cmd->add_option("--public-key", *keys,
                         "Check checkpoints against this public key (repeatable; default: the signing seed's own)");
  verify_cmd->callback([&console, keys] { verify(console, *keys); });
  audit->add_subcommand("checkpoint", "Append a signed checkpoint of the head to audit.checkpoint_file if it moved")
      ->callback([&console] { checkpoint(console); });
  audit->add_subcommand("public-key", "Print the public key that checks the checkpoints (keep a copy elsewhere)")
      ->callback([&console] { public_key(console); });
  auto subject = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(100);
  CLI::App* list_cmd = audit->add_subcommand("list", "Show rows (all from the start, or the newest about a subject)");
  list_cmd->add_option("--subject", *subject, "e.g. citizen:12 or staff:mrossi");
  list_cmd->add_option("--limit", *limit, "At most this many (default 100)")->check(CLI::Range(1, 100000));
  list_cmd->callback([&console, subject, limit] { list(console, *subject, *limit); });
}

}  // namespace sportello::cli
