// Every SQL statement about imported files.
#include <soci/soci.h>

#include "store/sql_repositories.h"
#include "store/sql_values.h"

namespace sportello {
namespace {

ImportBatch import_batch_from(const soci::row& r) {
  ImportBatch b;
  b.id = read_integer(r, "id");
  b.kind = parse_import_kind(r.get<std::string>("kind")).value_or(ImportKind::contributions);
  b.sha256 = r.get<std::string>("sha256");
  b.file_name = r.get<std::string>("file_name");
  b.rows = static_cast<std::uint64_t>(read_integer(r, "row_count"));
  b.citizens = static_cast<std::uint64_t>(read_integer(r, "citizen_count"));
  b.actor = r.get<std::string>("actor");
  b.imported_at = read_instant_column(r, "imported_at");
  return b;
}

constexpr const char* kImportColumns = "SELECT id, kind, sha256, file_name, row_count, citizen_count, actor, imported_at FROM import_batches ";

}  // namespace

std::optional<ImportBatch> SqlImportRepository::find_by_sha256(const std::string& sha256) {
  soci::row r;
  sql_ << std::string(kImportColumns) + "WHERE sha256 = :sha", soci::use(sha256, "sha"), soci::into(r);
  if (!sql_.got_data()) return std::nullopt;
  return import_batch_from(r);
}

std::int64_t SqlImportRepository::insert(const ImportBatch& b) {
  long long id = 0, rows = static_cast<long long>(b.rows), citizens = static_cast<long long>(b.citizens),
            at = to_unix(b.imported_at);
  const std::string kind = to_string(b.kind);
  soci::statement st = (sql_.prepare << "INSERT INTO import_batches (kind, sha256, file_name, row_count, citizen_count, "
                                        "actor, imported_at) VALUES (:kind, :sha, :name, :nrows, :ncitizens, :actor, :at) "
                                        "RETURNING id",
                        soci::use(kind, "kind"), soci::use(b.sha256, "sha"), soci::use(b.file_name, "name"),
                        soci::use(rows, "nrows"), soci::use(citizens, "ncitizens"), soci::use(b.actor, "actor"),
                        soci::use(at, "at"), soci::into(id));
  st.execute(true);
  return id;
}

std::vector<ImportBatch> SqlImportRepository::recent(int limit) {
  soci::rowset<soci::row> rows = (sql_.prepare << std::string(kImportColumns) + "ORDER BY id DESC LIMIT :lim",
                                  soci::use(limit, "lim"));
  std::vector<ImportBatch> batches;
  for (const soci::row& r : rows) batches.push_back(import_batch_from(r));
  return batches;
}

}  // namespace sportello
