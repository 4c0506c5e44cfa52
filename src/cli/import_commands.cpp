// sportelloctl import contributions|cu|pension-slips FILE: files of the institute's other systems
// (docs/import-formats.md). Progress on stderr — a bar redrawn in place on a terminal, a plain line every
// few seconds otherwise — then the summary; a rejected file lists its problems as FILE:LINE: field: message.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/console.h"
#include "flows/services/import_records.h"

namespace sportello::cli {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::string fixed(double value, int decimals) {
  char out[32];
  std::snprintf(out, sizeof out, "%.*f", decimals, value);
  return out;
}

std::string duration_text(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char out[32];
  if (s >= 3600) std::snprintf(out, sizeof out, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(out, sizeof out, "%ld:%02ld", s / 60, s % 60);
  return out;
}

// Draws the import's progress on stderr: at most ten times a second on a terminal, a line every five seconds
// otherwise.
class ProgressView {
 public:
  explicit ProgressView(bool terminal) : terminal_(terminal) {}

  void operator()(const ImportProgress& p) {
    const auto now = SteadyClock::now();
    if (now - last_ < (terminal_ ? std::chrono::milliseconds(100) : std::chrono::seconds(5))) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - started_).count();
    const double rate = seconds > 0 ? static_cast<double>(p.rows) / seconds : 0;
    const double share = p.total_bytes ? static_cast<double>(p.bytes) / static_cast<double>(p.total_bytes) : 1.0;
    const double eta = share > 0 ? seconds / share - seconds : 0;
    const std::string numbers = std::to_string(p.rows) + " rows  " + std::to_string(static_cast<long>(rate)) + " rows/s  " +
                                fixed(share * 100, 1) + "%  ETA " + duration_text(eta);
    if (terminal_) {
      constexpr int kWidth = 30;
      const int done = static_cast<int>(share * kWidth);
      drawn_ = true;
      std::cerr << "\r[" << std::string(done, '#') << std::string(kWidth - done, '.') << "] " << numbers << "\033[K"
                << std::flush;
    } else {
      std::cerr << "import: " << numbers << "\n";
    }
  }

  // Leaves the terminal's line clean for the summary.
  void close() {
    if (terminal_ && drawn_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool terminal_;
  bool drawn_ = false;
  SteadyClock::time_point started_ = SteadyClock::now();
  SteadyClock::time_point last_ = terminal_ ? SteadyClock::time_point{} : started_;  // plain lines: the first after 5 s
};

boost::json::object summary_json(const ImportSummary& s) {
  const double rate = s.seconds > 0 ? static_cast<double>(s.rows) / s.seconds : 0;
  return {{"kind", to_string(s.kind)},   {"file", s.file_name},         {"sha256", s.sha256},
          {"rows", s.rows},              {"citizens", s.citizens},      {"replaced", s.replaced},
          {"already_imported", s.already_imported}, {"seconds", s.seconds}, {"rows_per_second", rate}};
}

std::string summary_text(const ImportSummary& s) {
  if (s.already_imported)
    return s.file_name + " was imported before (sha256 " + s.sha256 + "): nothing changed.";
  const double rate = s.seconds > 0 ? static_cast<double>(s.rows) / s.seconds : 0;
  return "Imported " + s.file_name + ": " + std::to_string(s.rows) + " rows for " + std::to_string(s.citizens) +
         " citizens, " + std::to_string(s.replaced) + " stored rows replaced, in " + fixed(s.seconds, 2) + " s (" +
         std::to_string(static_cast<long>(rate)) + " rows/s).\nsha256 " + s.sha256;
}

void rejected(Console& console, const std::string& file, const Error& error, const std::vector<ImportProblem>& problems) {
  for (const ImportProblem& p : problems)
    std::cerr << file << ":" << p.line << ": " << (p.field.empty() ? "" : p.field + ": ") << p.message << "\n";
  if (!console.json) return console.refused(error);
  console.exit_code = kExitRefused;
  boost::json::object answer = error_json(error);
  boost::json::array listed;
  for (const ImportProblem& p : problems)
    listed.push_back(boost::json::object{{"line", p.line}, {"field", p.field}, {"message", p.message}});
  answer["problems"] = std::move(listed);
  std::cout << boost::json::serialize(answer) << "\n";
  std::cerr << "sportelloctl: " << error.message << " (" << error.code << ")\n";
}

void import_file(Console& console, ImportKind kind, const std::string& file) {
  App* app = console.app();
  if (!app) return;
  ProgressView view(::isatty(STDERR_FILENO) == 1);
  ImportOptions options;
  options.kind = kind;
  options.file = file;
  options.progress = [&view](const ImportProgress& p) { view(p); };
  std::vector<ImportProblem> problems;
  auto summary = ImportRecords(app->context()).run(console.actor(), options, problems);
  view.close();
  if (!summary) {
    if (!problems.empty()) return rejected(console, file, summary.error(), problems);
    return console.refused(summary.error());
  }
  console.done(summary_text(*summary), summary_json(*summary));
}

}  // namespace

void add_import_commands(CLI::App& root, Console& console) {
  CLI::App* group = root.add_subcommand("import", "Import a file of the institute's other systems (docs/import-formats.md)")
                        ->require_subcommand(1);
  const std::pair<ImportKind, const char*> kinds[] = {
      {ImportKind::contributions, "Contribution periods (CSV) of the estratto conto"},
      {ImportKind::cu, "Certificazioni Uniche (JSON Lines: one document per line)"},
      {ImportKind::pension_slips, "Monthly pension slips (CSV)"}};
  for (const auto& [kind, description] : kinds) {
    auto file = std::make_shared<std::string>();
    CLI::App* command = group->add_subcommand(to_string(kind), std::string(description) +
                                                                   ": written whole or not at all; the same file twice changes nothing");
    command->add_option("FILE", *file, "The file to import")->required();
    command->callback([&console, kind = kind, file] { import_file(console, kind, *file); });
  }
}

}  // namespace sportello::cli
