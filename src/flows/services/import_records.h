#pragma once
// Imports a file of the institute's other systems (SPEC §5; formats in docs/import-formats.md): contribution
// periods (CSV), Certificazioni Uniche (JSON Lines, one document per citizen and year) or pension slips
// (CSV). The file is read as a stream; every row is checked (a known citizen's codice fiscale, dates,
// amounts in cents, enumerations) and every problem is reported with its line and field; the file is
// written whole, in one transaction, or not at all. A file whose SHA-256 was imported before changes
// nothing. A corrected file replaces what it covers: for contributions each (citizen, gestione, year) it
// holds, for CUs each (citizen, year), for slips each (citizen, pension, month). Audited.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "flows/actor.h"
#include "flows/flow_context.h"
#include "services/import_batch.h"

namespace sportello {

struct ImportProgress {
  std::uint64_t rows = 0;         // rows read so far
  std::uint64_t bytes = 0;        // bytes read so far
  std::uint64_t total_bytes = 0;  // the file's size
};

struct ImportProblem {
  std::uint64_t line = 0;         // 1-based line of the file (the header is line 1 in a CSV)
  std::string field;              // the column or JSON path at fault; empty for the whole line
  std::string message;
};

struct ImportSummary {
  ImportKind kind = ImportKind::contributions;
  std::string file_name;
  std::string sha256;
  std::uint64_t rows = 0;         // rows (documents) written
  std::uint64_t citizens = 0;     // distinct citizens they belong to
  std::uint64_t replaced = 0;     // stored rows a corrected file replaced
  bool already_imported = false;  // the same file came before: nothing was written
  double seconds = 0;
};

struct ImportOptions {
  ImportKind kind = ImportKind::contributions;
  std::filesystem::path file;
  std::function<void(const ImportProgress&)> progress;  // called every few thousand rows and at the end
  std::size_t max_problems = 50;  // reading goes on after a problem, to report this many at most
};

class ImportRecords {
 public:
  explicit ImportRecords(FlowContext& ctx) : ctx_(ctx) {}
  // Administrators and the operator console. Errors: forbidden; file-unreadable; import-rejected (invalid
  // input: `problems` lists why, nothing was written); file-changed (the file changed while it was read);
  // unavailable.
  Result<ImportSummary> run(const Actor& actor, const ImportOptions& options, std::vector<ImportProblem>& problems);

 private:
  FlowContext& ctx_;
};

}  // namespace sportello
