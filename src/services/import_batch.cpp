#include "services/import_batch.h"

namespace sportello {

const char* to_string(ImportKind kind) {
  switch (kind) {
    case ImportKind::contributions: return "contributions";
    case ImportKind::cu: return "cu";
    case ImportKind::pension_slips: return "pension-slips";
  }
  return "";
}

std::optional<ImportKind> parse_import_kind(std::string_view text) {
  for (ImportKind kind : {ImportKind::contributions, ImportKind::cu, ImportKind::pension_slips})
    if (text == to_string(kind)) return kind;
  return std::nullopt;
}

}  // namespace sportello
