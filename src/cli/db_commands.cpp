// sportelloctl db migrate | status
#include "cli/console.h"

namespace sportello::cli {
namespace {

boost::json::array migrations_json(const std::vector<AppliedMigration>& list) {
  boost::json::array out;
  for (const auto& m : list) out.push_back(boost::json::object{{"version", m.version}, {"name", m.name}});
  return out;
}

}  // namespace

void add_db_commands(CLI::App& root, Console& console) {
  CLI::App* db = root.add_subcommand("db", "Database schema")->require_subcommand(1);
  db->add_subcommand("migrate", "Apply the migrations the database lacks")->callback([&console] {
    App* app = console.app();
    if (!app) return;
    const auto& applied = app->applied_migrations();
    std::string text = applied.empty() ? "The schema is up to date." : "Applied:";
    for (const auto& m : applied) text += "\n  " + std::to_string(m.version) + " " + m.name;
    console.done(text, {{"applied", migrations_json(applied)}, {"version", Migrator(app->database()).latest_known_version()}});
  });
  db->add_subcommand("status", "Show the schema version")->callback([&console] {
    App* app = console.app();
    if (!app) return;
    const int version = Migrator(app->database()).latest_known_version();
    console.done("Schema version " + std::to_string(version) + ", up to date.", {{"version", version}, {"pending", 0}});
  });
}

}  // namespace sportello::cli
