#pragma once
// A pool of database connections, SQLite (the embedded default) or PostgreSQL, chosen by URL:
// "sqlite:PATH" (":memory:" is refused: each connection would see its own database) or
// "postgresql://..." / "postgresql:dbname=... host=...". SQLite connections run in WAL mode with foreign
// keys on, synchronous=FULL and a busy timeout. Thread-safe: connections are leased one per caller.
#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"

namespace soci {
class connection_pool;
class session;
}  // namespace soci

namespace sportello {

enum class Dialect { sqlite, postgresql };

class Database {
 public:
  // Opens `pool_size` connections. Errors (unavailable) name the URL's kind, never its password.
  static Result<std::shared_ptr<Database>> open(const std::string& url, std::size_t pool_size = 4);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }

  // Held by this process's SQLite write transactions, one at a time, from before BEGIN IMMEDIATE to their end: a
  // writer that waits is woken when the one before it ends, where SQLite's busy handler would sleep in steps of
  // up to 100 ms (decision 0016). Other processes (sportelloctl) still meet the busy timeout.
  std::mutex& sqlite_writer() { return sqlite_writer_; }

  // A connection for the duration of the lease; blocks while all are taken.
  class Lease {
   public:
    Lease(Database& db);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& session();

   private:
    Database& db_;
    std::size_t position_;
  };

 private:
  Database(Dialect dialect, std::size_t pool_size);
  Dialect dialect_;
  std::size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::mutex sqlite_writer_;
};

}  // namespace sportello
