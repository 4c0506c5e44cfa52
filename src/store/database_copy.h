#pragma once
// Moves an installation's rows from its SQLite database into an empty PostgreSQL one (issue 13's
// `sportelloctl db copy`). Both must be at the same schema version (the caller migrates them). The copy reads one
// snapshot of the source and writes every table in one transaction: the target ends with every row, each with its
// own id (so the audit chain's links and every reference hold), and its identity sequences past the highest id —
// or, on any error, with no row at all. Every table's rows are counted on both sides before the commit.
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace sportello {

struct CopiedTable {
  std::string name;
  long long rows = 0;
};

// Refused (conflict, "target-not-empty") when the target holds a row in any table; (invalid) when the source is not
// SQLite or the target not PostgreSQL, or their tables or columns differ.
Result<std::vector<CopiedTable>> copy_database(Database& source, Database& target);

}  // namespace sportello
