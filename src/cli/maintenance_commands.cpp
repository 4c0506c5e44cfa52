// sportelloctl demo seed [--citizens N] | lockout purge
#include <chrono>
#include <cstdio>
#include <memory>

#include "app/demo_population.h"
#include "app/demo_seed.h"
#include "cli/console.h"
#include "flows/purge_counters.h"

namespace sportello::cli {

void add_demo_commands(CLI::App& root, Console& console) {
  CLI::App* demo = root.add_subcommand("demo", "Demo data (never on a real database)")->require_subcommand(1);
  CLI::App* seed = demo->add_subcommand("seed", "Create demo citizens and staff (idempotent); prints their secrets");
  auto citizens = std::make_shared<std::uint64_t>(0);
  seed->add_option("--citizens", *citizens,
                   "Also load this many made-up citizens, each with an active PIN (PIN2DEMO): people 0 to N-1 of "
                   "a fixed population, in batches (COPY on PostgreSQL); those already there are kept. For "
                   "benchmarks and tests")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1'000'000'000}));
  seed->callback([&console, citizens] {
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
    boost::json::object result{{"items", rows}};
    if (*citizens > 0) {
      const auto started = std::chrono::steady_clock::now();
      const std::uint64_t every = std::max<std::uint64_t>(*citizens / 20, 100000);
      std::uint64_t reported = 0;
      auto population = seed_demo_population(*app, *citizens, [&](std::uint64_t done) {
        if (done - reported < every && done < *citizens) return;
        reported = done;
        std::fprintf(stderr, "demo seed: %llu of %llu citizens looked at\n", static_cast<unsigned long long>(done),
                     static_cast<unsigned long long>(*citizens));
      });
      if (!population) return console.refused(population.error());
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      text += "  " + std::to_string(population->added) + " made-up citizens added (" +
              std::to_string(population->requested - population->added) + " already there), PIN " +
              kDemoPopulationPin + ", in " + std::to_string(static_cast<long long>(seconds + 0.5)) + " s\n";
      result["population"] = {{"requested", population->requested}, {"added", population->added},
                              {"pin", kDemoPopulationPin}, {"seconds", seconds}};
    }
    console.done(text, result);
  });
}

void add_lockout_commands(CLI::App& root, Console& console) {
  CLI::App* lockout = root.add_subcommand("lockout", "Wrong-PIN counters")->require_subcommand(1);
  lockout->add_subcommand("purge", "Drop the counts a day without a wrong PIN has forgotten, the allowances whose window ended, for every code alike (SPEC §3, issue 15), and SPID/CIE logins never answered (issue 12)")->callback([&console] {
    App* app = console.app();
    if (!app) return;
    auto purged = purge_counters(app->context());
    if (!purged) return console.refused(purged.error());
    console.done("Purged " + std::to_string(purged->lockouts) + " counters, " + std::to_string(purged->allowances) +
                     " allowances and " + std::to_string(purged->pending_logins) + " unanswered SPID/CIE logins.",
                 {{"purged", purged->lockouts}, {"allowances", purged->allowances},
                  {"pending_logins", purged->pending_logins}});
  });
}

}  // namespace sportello::cli
