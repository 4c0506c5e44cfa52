#include "cli/console.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace sportello::cli {
namespace {

std::string chosen_config_file(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("SPORTELLO_CONFIG"); env && *env) return env;
  if (std::filesystem::exists("sportello.toml")) return "sportello.toml";
  return "";
}

}  // namespace

boost::json::object error_json(const Error& error) {
  boost::json::object e{{"kind", to_string(error.kind)}, {"code", error.code}, {"message", error.message}};
  if (!error.field.empty()) e["field"] = error.field;
  if (error.retry_after.count() > 0) e["retry_after"] = error.retry_after.count();
  return boost::json::object{{"error", e}};
}

App* Console::app() {
  if (app_) return app_.get();
  auto config = Config::load(chosen_config_file(config_file), Config::process_environment());
  if (!config) {
    refused(config.error());
    return nullptr;
  }
  auto opened = App::open(*config);
  if (!opened) {
    refused(opened.error());
    return nullptr;
  }
  app_ = std::move(*opened);
  return app_.get();
}

void Console::done(const std::string& text, boost::json::object value) {
  if (json) std::cout << boost::json::serialize(value) << "\n";
  else if (!text.empty()) std::cout << text << (text.back() == '\n' ? "" : "\n");
}

void Console::refused(const Error& error) {
  exit_code = kExitRefused;
  if (json) std::cout << boost::json::serialize(error_json(error)) << "\n";
  std::cerr << "sportelloctl: " << error.message;
  if (!error.field.empty()) std::cerr << " [" << error.field << "]";
  std::cerr << " (" << error.code << ")\n";
}

}  // namespace sportello::cli
