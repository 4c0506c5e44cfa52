#include "flows/services/import_records.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "core/codice_fiscale.h"
#include "core/digest.h"
#include "services/contribution_row.h"
#include "services/cu_document.h"
#include "services/pension_slip_row.h"

namespace sportello {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kInsertBatch = 2000;          // contribution rows a statement
constexpr std::uint64_t kProgressEvery = 4096;       // rows between progress reports
constexpr std::size_t kReadChunk = 256 * 1024;

Error unreadable(const fs::path& file) {
  return Error::invalid("file-unreadable", "Cannot read " + file.string() + ".", "file");
}

// What identifies the file's content on disk: a change between hashing and reading is caught.
struct FileStamp {
  std::uintmax_t size = 0;
  fs::file_time_type modified{};
  bool operator==(const FileStamp&) const = default;
};

std::optional<FileStamp> stamp_of(const fs::path& file) {
  std::error_code ec;
  FileStamp stamp{fs::file_size(file, ec), {}};
  if (ec) return std::nullopt;
  stamp.modified = fs::last_write_time(file, ec);
  if (ec) return std::nullopt;
  return stamp;
}

// Keeps the first `max` problems and counts them all.
class Problems {
 public:
  Problems(std::vector<ImportProblem>& kept, std::size_t max) : kept_(kept), max_(max) {}
  void add(std::uint64_t line, std::string field, std::string message) {
    ++count_;
    if (kept_.size() < max_) kept_.push_back({line, std::move(field), std::move(message)});
  }
  // Moves the row's problems in and empties `row`; false when there were any.
  bool take(std::uint64_t line, std::vector<RowProblem>& row) {
    for (RowProblem& p : row) add(line, std::move(p.field), std::move(p.message));
    const bool none = row.empty();
    row.clear();
    return none;
  }
  std::uint64_t count() const { return count_; }

 private:
  std::vector<ImportProblem>& kept_;
  std::size_t max_;
  std::uint64_t count_ = 0;
};

struct Transparent {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};

// A codice fiscale as the file writes it, resolved once to a known citizen.
struct KnownCode {
  std::int64_t citizen_id = 0;  // 0: not a known citizen's code (see problem)
  std::string code;             // normalised
  std::string problem;
};

// Resolves the files' codici fiscali to citizens, once each; files are usually sorted by citizen, so the
// last answer is kept at hand.
class CitizenIndex {
 public:
  CitizenIndex(Repositories& repos, const BelfioreRegistry& places, Date today)
      : repos_(repos), places_(places), today_(today) {}

  const KnownCode& find(std::string_view written) {
    if (last_ && last_text_ == written) return *last_;
    auto it = known_.find(written);
    if (it == known_.end()) it = known_.emplace(std::string(written), resolve(written)).first;
    last_text_.assign(written);
    last_ = &it->second;  // stable: unordered_map never moves its elements
    return *last_;
  }
  std::size_t citizens() const { return ids_.size(); }
  void count(std::int64_t citizen_id) { ids_.insert(citizen_id); }

 private:
  KnownCode resolve(std::string_view written) {
    if (written.empty()) return {0, {}, "Missing."};
    auto parsed = CodiceFiscale::parse(written, places_, today_);
    if (!parsed) return {0, {}, "Not a valid codice fiscale: " + parsed.error().message};
    auto citizen = repos_.citizens().find_by_codice_fiscale(parsed->code());
    if (!citizen) return {0, parsed->code(), "No citizen known to sportello has this codice fiscale."};
    return {citizen->id, parsed->code(), {}};
  }

  Repositories& repos_;
  const BelfioreRegistry& places_;
  Date today_;
  std::unordered_map<std::string, KnownCode, Transparent, Transparent> known_;
  std::string last_text_;
  const KnownCode* last_ = nullptr;
  std::unordered_set<std::int64_t> ids_;
};

// One import in progress: its transaction's repositories and what it found so far.
class Importer {
 public:
  Importer(Repositories& repos, const FlowContext& ctx, const ImportOptions& options, Date today,
           std::vector<ImportProblem>& problems)
      : repos(repos), places(ctx.places), options(options), today(today), citizens(repos, ctx.places, today),
        problems(problems, options.max_problems) {}

  Repositories& repos;
  const BelfioreRegistry& places;
  const ImportOptions& options;
  const Date today;
  CitizenIndex citizens;
  Problems problems;
  ImportProgress progress;
  std::vector<RowProblem> row_problems;
  std::uint64_t rows = 0;
  std::uint64_t replaced = 0;

  bool writing() const { return problems.count() == 0; }  // after a problem only reading goes on

  // The citizen of a row, or 0 with a problem.
  std::int64_t citizen_of(std::uint64_t line, std::string_view written) {
    const KnownCode& known = citizens.find(written);
    if (known.citizen_id == 0) problems.add(line, "codice_fiscale", known.problem);
    else citizens.count(known.citizen_id);
    return known.citizen_id;
  }
  // A rule of the domain broken by a row that was read well.
  bool check(std::uint64_t line, const Status& valid) {
    if (!valid) problems.add(line, valid.error().field, valid.error().message);
    return valid.ok();
  }
  void tick(std::uint64_t bytes, bool force = false) {
    progress.rows = rows;
    progress.bytes = std::min(bytes, progress.total_bytes);  // a last line without its line break counted one more
    if (options.progress && (force || rows % kProgressEvery == 0)) options.progress(progress);
  }
};

// The header row, or a problem on line 1.
template <typename Parser>
std::optional<Parser> header_of(CsvReader& reader, CsvRecord& record, Importer& run) {
  if (!reader.next(record)) {
    run.problems.add(1, "", reader.stream_failed() ? "The file cannot be read." : "The file is empty: a header row is expected.");
    return std::nullopt;
  }
  auto parser = Parser::for_header(record);
  if (!parser) {
    run.problems.add(record.line, "", parser.error().message);
    return std::nullopt;
  }
  return std::move(*parser);
}

// Contributions: a (citizen, gestione, year) met for the first time loses what was stored for it.
void import_contributions(Importer& run, std::istream& in) {
  CsvReader reader(in, kReadChunk);
  CsvRecord record;
  auto parser = header_of<ContributionRowParser>(reader, record, run);
  if (!parser) return;
  std::vector<ContributionPeriod> batch;
  batch.reserve(kInsertBatch);
  std::size_t filled = 0;
  std::unordered_set<std::uint64_t> scopes;
  while (reader.next(record)) {
    if (!record.fault.empty()) {
      run.problems.add(record.line, "", record.fault);
      continue;
    }
    ContributionPeriod& period = filled < batch.size() ? batch[filled] : batch.emplace_back();
    const std::string_view written = parser->parse(record, period, run.row_problems);
    const bool read_well = run.problems.take(record.line, run.row_problems);
    period.citizen_id = read_well || !written.empty() ? run.citizen_of(record.line, written) : 0;
    if (!read_well || period.citizen_id == 0 || !run.check(record.line, validate(period, run.today))) continue;
    ++run.rows;
    run.tick(reader.bytes_read());
    if (!run.writing()) continue;
    const int year = static_cast<int>(period.from.year());
    const auto scope = (static_cast<std::uint64_t>(period.citizen_id) << 24) |
                       (static_cast<std::uint64_t>(period.gestione) << 16) | static_cast<std::uint16_t>(year);
    if (scopes.insert(scope).second)
      run.replaced += static_cast<std::uint64_t>(run.repos.contributions().remove_year(period.citizen_id, period.gestione, year));
    if (++filled == kInsertBatch) {
      run.repos.contributions().insert(batch);
      filled = 0;
    }
  }
  if (reader.stream_failed()) run.problems.add(record.line, "", "The file cannot be read past this line.");
  if (filled > 0 && run.writing()) {
    batch.resize(filled);
    run.repos.contributions().insert(batch);
  }
  run.tick(reader.bytes_read(), true);
}

// Pension slips: each (citizen, pension, month) once in a file; put() replaces what was stored.
void import_pension_slips(Importer& run, std::istream& in) {
  CsvReader reader(in, kReadChunk);
  CsvRecord record;
  auto parser = header_of<PensionSlipRowParser>(reader, record, run);
  if (!parser) return;
  std::unordered_map<std::string, std::uint64_t> seen;  // "<citizen>/<number>/<month>" -> line
  PensionSlip slip;
  while (reader.next(record)) {
    if (!record.fault.empty()) {
      run.problems.add(record.line, "", record.fault);
      continue;
    }
    const std::string_view written = parser->parse(record, slip, run.row_problems);
    const bool read_well = run.problems.take(record.line, run.row_problems);
    slip.citizen_id = read_well || !written.empty() ? run.citizen_of(record.line, written) : 0;
    if (!read_well || slip.citizen_id == 0 || !run.check(record.line, validate(slip, run.today))) continue;
    const std::string key = std::to_string(slip.citizen_id) + "/" + slip.pension_number + "/" + format_year_month(slip.month);
    if (const auto [at, fresh] = seen.emplace(key, record.line); !fresh) {
      run.problems.add(record.line, "mese", "The same pension and month is already on line " + std::to_string(at->second) + ".");
      continue;
    }
    ++run.rows;
    run.tick(reader.bytes_read());
    if (run.writing() && run.repos.pension_slips().put(slip)) ++run.replaced;
  }
  if (reader.stream_failed()) run.problems.add(record.line, "", "The file cannot be read past this line.");
  run.tick(reader.bytes_read(), true);
}

// CU: one JSON document a line; each (citizen, year) once in a file; put() replaces what was stored.
void import_cus(Importer& run, std::istream& in) {
  std::string line;
  std::uint64_t number = 0, bytes = 0;
  std::unordered_map<std::string, std::uint64_t> seen;  // "<citizen>/<year>" -> line
  while (std::getline(in, line)) {
    ++number;
    bytes += line.size() + 1;
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim_spaces(line).empty()) continue;
    CertificazioneUnica cu;
    const std::string written = parse_cu_document(line, cu, run.row_problems);
    const bool read_well = run.problems.take(number, run.row_problems);
    if (!read_well && written.empty()) continue;  // not even a codice fiscale to look up
    cu.citizen_id = run.citizen_of(number, written);
    if (!read_well || cu.citizen_id == 0) continue;
    const std::string& code = run.citizens.find(written).code;
    // The percipiente is compared with the citizen in normalised form, however either was written.
    if (auto percipiente = CodiceFiscale::parse(cu.percipiente.codice_fiscale, run.places, run.today))
      cu.percipiente.codice_fiscale = percipiente->code();
    if (!run.check(number, validate(cu, code, run.today))) continue;
    if (const auto [at, fresh] = seen.emplace(std::to_string(cu.citizen_id) + "/" + std::to_string(cu.year), number);
        !fresh) {
      run.problems.add(number, "anno", "The same citizen and year is already on line " + std::to_string(at->second) + ".");
      continue;
    }
    ++run.rows;
    run.tick(bytes);
    if (run.writing() && run.repos.certificazioni().put(cu)) ++run.replaced;
  }
  if (in.bad()) run.problems.add(number, "", "The file cannot be read past this line.");
  run.tick(bytes, true);
}

void read_file(Importer& run, std::istream& in, ImportKind kind) {
  switch (kind) {
    case ImportKind::contributions: return import_contributions(run, in);
    case ImportKind::cu: return import_cus(run, in);
    case ImportKind::pension_slips: return import_pension_slips(run, in);
  }
}

std::string audit_details(const ImportSummary& s) {
  return "file=" + s.file_name + " sha256=" + s.sha256 + " rows=" + std::to_string(s.rows) +
         " citizens=" + std::to_string(s.citizens) + " replaced=" + std::to_string(s.replaced);
}

}  // namespace

Result<ImportSummary> ImportRecords::run(const Actor& actor, const ImportOptions& options,
                                         std::vector<ImportProblem>& problems) {
  problems.clear();
  if (auto allowed = actor.require({Role::admin}); !allowed) return allowed.error();
  const auto started = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  ImportSummary summary;
  summary.kind = options.kind;
  summary.file_name = options.file.filename().string();
  const auto before = stamp_of(options.file);
  if (!before || fs::is_directory(options.file)) return unreadable(options.file);
  auto sha = sha256_file_hex(options.file);
  if (!sha) return unreadable(options.file);
  summary.sha256 = std::move(*sha);

  bool seen_before = false;
  auto looked = ctx_.store.read([&](Repositories& repos) -> Status {
    seen_before = repos.imports().find_by_sha256(summary.sha256).has_value();
    return Ok{};
  });
  if (!looked) return looked.error();
  if (seen_before) {
    summary.already_imported = true;
    summary.seconds = elapsed();
    return summary;
  }

  std::ifstream in(options.file, std::ios::binary);
  if (!in) return unreadable(options.file);
  const Instant now = ctx_.clock.now();
  auto status = ctx_.store.run([&](Repositories& repos) -> Status {
    if (repos.imports().find_by_sha256(summary.sha256)) {  // another import of the same file just committed
      summary.already_imported = true;
      return Ok{};
    }
    problems.clear();
    Importer run(repos, ctx_, options, rome_date(now), problems);
    run.progress.total_bytes = before->size;
    read_file(run, in, options.kind);
    if (run.problems.count() > 0)
      return Error::invalid("import-rejected", summary.file_name + " has " + std::to_string(run.problems.count()) +
                                                   " problem(s); nothing was imported.");
    if (stamp_of(options.file) != before)
      return Error::invalid("file-changed", summary.file_name + " changed while it was read; nothing was imported.", "file");
    summary.rows = run.rows;
    summary.citizens = run.citizens.citizens();
    summary.replaced = run.replaced;
    const std::int64_t id = repos.imports().insert(
        {0, options.kind, summary.sha256, summary.file_name, summary.rows, summary.citizens, actor.id, now});
    repos.audit().append(actor.id, std::string("import.") + to_string(options.kind), "import:" + std::to_string(id),
                         audit_details(summary), now);
    return Ok{};
  });
  if (!status) return status.error();
  summary.seconds = elapsed();
  return summary;
}

}  // namespace sportello
