#include "support/test_database.h"

#include <soci/soci.h>

#include <cstdlib>
#include <stdexcept>

#include "core/random.h"
#include "store/database.h"

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

}  // namespace

TestDatabase::TestDatabase() {
  if (!postgres_template()) {
    url_ = "sqlite:" + (dir_ / "db" / "test.db").string();
    return;
  }
  name_ = "sportello_test_" + random_string("abcdefghijklmnopqrstuvwxyz0123456789", 16);
  on_server("CREATE DATABASE " + name_);
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
