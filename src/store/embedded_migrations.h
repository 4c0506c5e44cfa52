#pragma once
// The SQL migration files compiled into the binary (see cmake/EmbedMigrations.cmake), sorted by name.
#include <string_view>
#include <vector>

namespace sportello {

struct MigrationFile {
  std::string_view name;  // "0001_initial.sql", "0002_audit_append_only.sqlite.sql"
  std::string_view sql;
};

const std::vector<MigrationFile>& embedded_migrations();

}  // namespace sportello
