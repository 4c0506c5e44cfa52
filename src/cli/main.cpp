// sportelloctl: the operator's command line for a sportello installation.
#include <iostream>

#include "cli/console.h"

int main(int argc, char** argv) {
  using namespace sportello::cli;
  Console console;
  CLI::App root{"sportelloctl: operate a sportello installation (PIN credentials of the institute's online counter)"};
  root.set_help_all_flag("--help-all", "Show every command's help");
  root.require_subcommand(1);
  root.fallthrough();  // global options (--json, --config, --as) may also follow the command
  root.add_option("-c,--config", console.config_file, "Configuration file (default: $SPORTELLO_CONFIG or ./sportello.toml)");
  root.add_flag("--json", console.json, "Answer with one JSON document");
  root.add_option("--as", console.operator_name, "Operator name recorded in the audit log (console:NAME)");
  add_db_commands(root, console);
  add_cf_commands(root, console);
  add_staff_commands(root, console);
  add_org_commands(root, console);
  add_pin_commands(root, console);
  add_request_commands(root, console);
  add_dispositivo_commands(root, console);
  add_outbox_commands(root, console);
  add_courier_commands(root, console);
  add_audit_commands(root, console);
  add_lockout_commands(root, console);
  add_import_commands(root, console);
  add_demo_commands(root, console);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = root.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return console.exit_code;
}
