#pragma once
// What every sportelloctl command shares: the global options, the App opened on first use, and the two
// ways of answering — plain text for people, one JSON document with --json for scripts. Exit codes:
// 0 done, 1 refused (the error says why), 2 usage.
#include <CLI/CLI.hpp>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "app/app.h"
#include "flows/actor.h"

namespace sportello::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;

class Console {
 public:
  std::string config_file;  // --config, or SPORTELLO_CONFIG, or ./sportello.toml when present
  bool json = false;        // --json
  std::string operator_name = "root";  // --as: recorded in the audit log as console:<name>
  int exit_code = kExitOk;

  // The application, opened on first use; nullptr after printing the error (exit code set to 1).
  App* app();
  Actor actor() const { return Actor::operator_console(operator_name); }

  // Prints a result: `text` for people, `value` (an object) with --json.
  void done(const std::string& text, boost::json::object value);
  // Prints an error and sets the exit code to 1.
  void refused(const Error& error);

 private:
  std::unique_ptr<App> app_;
};

boost::json::object error_json(const Error& error);

// Each group of commands registers itself on the root command.
void add_db_commands(CLI::App& root, Console& console);
void add_cf_commands(CLI::App& root, Console& console);
void add_staff_commands(CLI::App& root, Console& console);
void add_org_commands(CLI::App& root, Console& console);
void add_pin_commands(CLI::App& root, Console& console);
void add_request_commands(CLI::App& root, Console& console);
void add_dispositivo_commands(CLI::App& root, Console& console);
void add_outbox_commands(CLI::App& root, Console& console);
void add_courier_commands(CLI::App& root, Console& console);
void add_audit_commands(CLI::App& root, Console& console);
void add_demo_commands(CLI::App& root, Console& console);
void add_lockout_commands(CLI::App& root, Console& console);
void add_import_commands(CLI::App& root, Console& console);

}  // namespace sportello::cli
