#pragma once
// Applies the embedded SQL migrations that a database has not seen yet, in order, each in its own
// transaction together with its row in schema_migrations — so a failed migration leaves the schema as it
// was. Files named NNNN_name.sql apply to every dialect; NNNN_name.sqlite.sql and NNNN_name.postgresql.sql
// only to theirs. {{ID}} in a file becomes the dialect's auto-increment primary key.
#include <vector>

#include "store/database.h"

namespace sportello {

struct AppliedMigration {
  int version = 0;
  std::string name;
};

class Migrator {
 public:
  explicit Migrator(Database& db) : db_(db) {}
  // Applies what is missing and returns it (empty when the schema is current).
  Result<std::vector<AppliedMigration>> migrate();
  // Versions known to the binary and not yet applied.
  Result<std::vector<AppliedMigration>> pending();
  int latest_known_version() const;

 private:
  Database& db_;
};

}  // namespace sportello
