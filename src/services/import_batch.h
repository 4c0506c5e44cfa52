#pragma once
// A file of the institute's other systems imported into sportello (SPEC §5): which kind, its SHA-256 (the
// same file twice changes nothing), its name, how many rows it held, who imported it and when.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace sportello {

enum class ImportKind { contributions, cu, pension_slips };

const char* to_string(ImportKind kind);  // "contributions", "cu", "pension-slips"
std::optional<ImportKind> parse_import_kind(std::string_view text);

struct ImportBatch {
  std::int64_t id = 0;
  ImportKind kind = ImportKind::contributions;
  std::string sha256;       // lowercase hex of the whole file
  std::string file_name;    // as given, without its folder
  std::uint64_t rows = 0;
  std::uint64_t citizens = 0;
  std::string actor;        // "console:<name>"
  Instant imported_at{};
};

}  // namespace sportello
