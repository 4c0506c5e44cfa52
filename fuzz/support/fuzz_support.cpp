#include "fuzz_support.h"

#include <cstdio>
#include <cstdlib>

namespace sportello::fuzz {

const BelfioreRegistry& places() {
  static const BelfioreRegistry registry = [] {
    const char* dir = std::getenv("SPORTELLO_DATA_DIR");
    auto loaded = BelfioreRegistry::load(dir != nullptr && *dir != '\0' ? dir : SPORTELLO_DEFAULT_DATA_DIR);
    if (!loaded) {
      std::fprintf(stderr, "fuzz: cannot load the Belfiore registry: %s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return registry;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

std::vector<std::pair<std::string, std::string>> key_values(std::string_view lines) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string_view line : split(lines, '\n')) {
    if (line.empty()) continue;
    const std::size_t eq = line.find('=');
    out.emplace_back(std::string(line.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : std::string(line.substr(eq + 1)));
  }
  return out;
}

void property_failed(const char* condition, const char* file, int line, const std::string& detail) {
  std::fprintf(stderr, "==fuzz== property violated at %s:%d: %s\n  %s\n", file, line, condition, detail.c_str());
  std::abort();
}

}  // namespace sportello::fuzz
