// sportelloctl db migrate | status | copy
#include "cli/console.h"
#include "store/database_copy.h"
#include "store/migrator.h"

namespace sportello::cli {
namespace {

boost::json::array migrations_json(const std::vector<AppliedMigration>& list) {
  boost::json::array out;
  for (const auto& m : list) out.push_back(boost::json::object{{"version", m.version}, {"name", m.name}});
  return out;
}

// Copies the configured (SQLite) database into an empty PostgreSQL one, which it migrates first. The target's
// address is never printed: it may hold a password.
void copy(Console& console, const std::string& to) {
  App* app = console.app();
  if (!app) return;
  auto target = Database::open(to, 1);
  if (!target) return console.refused(target.error());
  if (auto migrated = Migrator(**target).migrate(); !migrated) return console.refused(migrated.error());
  auto copied = copy_database(app->database(), **target);
  if (!copied) return console.refused(copied.error());
  long long total = 0;
  boost::json::array tables;
  std::string text;
  for (const CopiedTable& t : *copied) {
    total += t.rows;
    tables.push_back(boost::json::object{{"table", t.name}, {"rows", t.rows}});
    text += "  " + t.name + std::string(t.name.size() < 32 ? 32 - t.name.size() : 1, ' ') + std::to_string(t.rows) + "\n";
  }
  console.done("Copied " + std::to_string(total) + " rows in " + std::to_string(copied->size()) +
                   " tables; each table counted on both sides:\n" + text +
                   "Point database.url at the new database, then run `sportelloctl audit verify` there.",
               {{"rows", total}, {"tables", tables}});
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
  auto to = std::make_shared<std::string>();
  CLI::App* copy_command = db->add_subcommand(
      "copy", "Copy every row of this installation's SQLite database into an empty PostgreSQL database (stop the "
              "server first; see docs/operations.md)");
  copy_command->add_option("--to", *to, "The PostgreSQL database to fill, e.g. postgresql://sportello@db.example.it/sportello")
      ->required();
  copy_command->callback([&console, to] { copy(console, *to); });
}

}  // namespace sportello::cli
