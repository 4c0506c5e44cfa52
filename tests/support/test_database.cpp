#include "support/test_database.h"

#include <soci/soci.h>

#include <cstdlib>
#include <stdexcept>

#include "core/random.h"
#include "store/database.h"
#include "store/migrator.h"

namespace sportello::testing {
namespace {

const char* postgres_template() {
  const char* value = std::getenv("SPORTELLO_TEST_POSTGRES");
  return value && *value ? value : nullptr;
}

std::string with_name(std::string url, const std::string& name) {
  const auto at = url.find("{db}");
  if (at == std::string::npos) throw std::runtime_error("SPORTELLO_TEST_POSTGRES needs {db} where the database name goes");
  return url.replace(at, 4, name);
}

// Runs one statement on the server's maintenance database (CREATE and DROP DATABASE cannot run in the
// database they name, nor in a transaction).
void on_server(const std::string& statement) {
  auto admin = Database::open(with_name(postgres_template(), "postgres"), 1);
  if (!admin) throw std::runtime_error(admin.error().message);
  Database::Lease lease(**admin);
  lease.session() << statement;
}

std::string fresh_name(const char* prefix) {
  return prefix + random_string("abcdefghijklmnopqrstuvwxyz0123456789", 16);
}

// One migrated database per test process, which every test's database copies (CREATE DATABASE ... TEMPLATE):
// a copy takes a fraction of the time the migrations take, so the suites run on PostgreSQL in make test.
// Dropped when the process ends.
class MigratedTemplate {
 public:
  MigratedTemplate() : name_(fresh_name("sportello_template_")) {
    on_server("CREATE DATABASE " + name_);
    auto db = Database::open(with_name(postgres_template(), name_), 1);
    if (!db) throw std::runtime_error(db.error().message);
    if (auto migrated = Migrator(**db).migrate(); !migrated) throw std::runtime_error(migrated.error().message);
  }  // its connection closes here: a template cannot be copied while in use
  ~MigratedTemplate() {
    try {
      on_server("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
    }
  }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

const std::string& migrated_template() {
  static MigratedTemplate migrated;
  return migrated.name();
}

}  // namespace

TestDatabase::TestDatabase() {
  if (!postgres_template()) {
    url_ = "sqlite:" + (dir_ / "db" / "test.db").string();
    return;
  }
  name_ = fresh_name("sportello_test_");
  // FILE_COPY: for a small template, copying its files is quicker than PostgreSQL 15's default (WAL_LOG).
  on_server("CREATE DATABASE " + name_ + " TEMPLATE " + migrated_template() + " STRATEGY FILE_COPY");
  url_ = with_name(postgres_template(), name_);
}

TestDatabase::~TestDatabase() {
  if (name_.empty()) return;
  try {
    on_server("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // A database left behind is in a throwaway cluster; the test's own result stands.
  }
}

}  // namespace sportello::testing
