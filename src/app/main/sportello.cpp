// sportello: the server binary. `sportello serve [--config FILE] [--listen HOST:PORT] [--db PATH]`;
// `sportello routes [--config FILE] [--db PATH]` lists the routes serve would answer, without listening.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/routes.h"
#include "app/serve.h"

int main(int argc, char** argv) {
  CLI::App root{"sportello: the online counter's server (PIN credentials, API)"};
  root.require_subcommand(1);
  std::string config_file;
  sportello::ServeOverrides overrides;
  CLI::App* serve = root.add_subcommand("serve", "Apply migrations and serve the API until SIGTERM");
  serve->add_option("-c,--config", config_file, "Configuration file (default: $SPORTELLO_CONFIG or ./sportello.toml)");
  serve->add_option("--listen", overrides.listen, "HOST:PORT (overrides server.listen; port 0 picks a free one)");
  serve->add_option("--db", overrides.db_path, "SQLite database file (overrides database.url)");
  CLI::App* routes = root.add_subcommand(
      "routes",
      "Print every route serve would answer with this configuration, one line each, and exit without listening:\n"
      "  METHOD PATTERN [heavy] [body-limit=BYTES]\n"
      "heavy: the handler checks a secret or hashes (worker pool); body-limit: the route's own cap on the body.\n"
      "Opens the database and keys as serve does (pending migrations are applied).");
  routes->add_option("-c,--config", config_file, "Configuration file (default: $SPORTELLO_CONFIG or ./sportello.toml)");
  routes->add_option("--db", overrides.db_path, "SQLite database file (overrides database.url)");
  CLI11_PARSE(root, argc, argv);
  if (config_file.empty()) {
    if (const char* env = std::getenv("SPORTELLO_CONFIG"); env && *env) config_file = env;
    else if (std::filesystem::exists("sportello.toml")) config_file = "sportello.toml";
  }
  auto config = sportello::Config::load(config_file, sportello::Config::process_environment());
  if (!config) {
    std::cerr << "sportello: " << config.error().message << "\n";
    return 1;
  }
  if (*routes) {
    if (!overrides.db_path.empty()) config->database.url = "sqlite:" + overrides.db_path;
    return sportello::print_routes(*config, std::cout);
  }
  return sportello::serve(*config, overrides);
}
