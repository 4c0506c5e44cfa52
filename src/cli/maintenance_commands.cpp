// sportelloctl demo seed | lockout purge
#include "app/demo_seed.h"
#include "cli/console.h"
#include "flows/purge_counters.h"

namespace sportello::cli {

void add_demo_commands(CLI::App& root, Console& console) {
  CLI::App* demo = root.add_subcommand("demo", "Demo data (never on a real database)")->require_subcommand(1);
  demo->add_subcommand("seed", "Create demo citizens and staff (idempotent); prints their secrets")->callback([&console] {
    App* app = console.app();
    if (!app) return;
    auto items = seed_demo_data(*app);
    if (!items) return console.refused(items.error());
    boost::json::array rows;
    std::string text = "Demo data:\n";
    for (const SeededItem& i : *items) {
      boost::json::object row{{"kind", i.kind}, {"name", i.name}, {"state", i.state}, {"secret", i.secret}, {"created", i.created}};
      if (!i.totp_secret.empty()) row["totp_secret"] = i.totp_secret;
      rows.push_back(row);
      text += "  " + i.kind + " " + i.name + " (" + i.state + ")" +
              (i.secret.empty() ? "" : std::string("  ") + (i.kind == "staff" ? "password " : "PIN ") + i.secret) +
              (i.totp_secret.empty() ? "" : "  TOTP " + i.totp_secret) +
              (i.created ? "  [created]" : "  [already there]") + "\n";
    }
    console.done(text, {{"items", rows}});
  });
}

void add_lockout_commands(CLI::App& root, Console& console) {
  CLI::App* lockout = root.add_subcommand("lockout", "Wrong-PIN counters")->require_subcommand(1);
  lockout->add_subcommand("purge", "Drop the counts a day without a wrong PIN has forgotten, and the allowances whose window ended, for every code alike (SPEC §3, issue 15)")->callback([&console] {
    App* app = console.app();
    if (!app) return;
    auto purged = purge_counters(app->context());
    if (!purged) return console.refused(purged.error());
    console.done("Purged " + std::to_string(purged->lockouts) + " counters and " + std::to_string(purged->allowances) +
                     " allowances.",
                 {{"purged", purged->lockouts}, {"allowances", purged->allowances}});
  });
}

}  // namespace sportello::cli
