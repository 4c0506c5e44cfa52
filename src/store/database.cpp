#include "store/database.h"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <mutex>

#include "store/postgres_url.h"

namespace sportello {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr int kBusyTimeoutMs = 10000;

// Before the first connection: each connection is used by one thread at a time (the pool leases it), so
// SQLite needs no mutex of its own per connection, and no global one around every allocation for its
// memory statistics — both showed up as futex waits under load.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    // SOCI's header includes sqlite3.h inside its namespace sqlite_api.
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

void prepare_sqlite(soci::session& sql) {
  sql << "PRAGMA journal_mode = WAL";
  sql << "PRAGMA foreign_keys = ON";
  sql << "PRAGMA synchronous = FULL";
  sql << "PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs);
}

std::string ensure_parent(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ignored;
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  return path;
}

}  // namespace

Database::Database(Dialect dialect, std::size_t pool_size)
    : dialect_(dialect), pool_size_(pool_size), pool_(std::make_unique<soci::connection_pool>(pool_size)) {}

Database::~Database() = default;

Result<std::shared_ptr<Database>> Database::open(const std::string& url, std::size_t pool_size) {
  const bool sqlite = url.starts_with(kSqlitePrefix);
  const bool postgres = url.starts_with("postgresql:") || url.starts_with("postgres:");
  if (!sqlite && !postgres)
    return Error::invalid("invalid-database-url", "database.url must start with sqlite: or postgresql:", "database.url");
  const std::string path = sqlite ? url.substr(kSqlitePrefix.size()) : std::string();
  if (sqlite && (path.empty() || path == ":memory:"))
    return Error::invalid("invalid-database-url", "database.url needs a file path after sqlite:", "database.url");
  std::string postgres_address;
  if (postgres) {
    auto keywords = postgres_keywords(url);
    if (!keywords) return keywords.error();
    postgres_address = *keywords;
  }
  if (pool_size == 0) pool_size = 1;
  if (sqlite) configure_sqlite_once();
  std::shared_ptr<Database> db(new Database(sqlite ? Dialect::sqlite : Dialect::postgresql, pool_size));
  try {
    for (std::size_t i = 0; i < pool_size; ++i) {
      soci::session& sql = db->pool_->at(i);
      if (sqlite) {
        sql.open(soci::sqlite3, "db=" + ensure_parent(path) + " timeout=" + std::to_string(kBusyTimeoutMs / 1000));
        prepare_sqlite(sql);
      } else {
        sql.open(soci::postgresql, postgres_address);
      }
    }
  } catch (const std::exception& e) {
    return Error::unavailable(std::string("Cannot open the ") + (sqlite ? "SQLite" : "PostgreSQL") +
                              " database: " + e.what());
  }
  return db;
}

Database::Lease::Lease(Database& db) : db_(db), position_(db.pool_->lease()) {}
Database::Lease::~Lease() { db_.pool_->give_back(position_); }
soci::session& Database::Lease::session() { return db_.pool_->at(position_); }

}  // namespace sportello
