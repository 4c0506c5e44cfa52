// store/staff_repository: a staff account's display name (migration 0009) is written, read back and changed
// with the rest of the account; an account made before names reads as unnamed.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "store_fixture.h"

namespace sportello::testing {
namespace {

class StaffRepositoryStore : public StoreFixture {
 protected:
  StaffAccount account(const std::string& username, const std::string& full_name) {
    StaffAccount a;
    a.username = username;
    a.role = Role::back_office;
    a.password_hash = "$argon2id$x";
    a.totp_secret_sealed = "sealed";
    a.created_at = from_unix(1000);
    a.full_name = full_name;
    return a;
  }
  std::optional<StaffAccount> find(const std::string& username) {
    std::optional<StaffAccount> found;
    EXPECT_TRUE(run([&](Repositories& repos) -> Status {
      found = repos.staff().find_by_username(username);
      return Ok{};
    }).ok());
    return found;
  }

};

TEST_F(StaffRepositoryStore, TheFullNameIsKeptWithTheAccountAndChangedByAnUpdate) {
  SqlUnitOfWork store(db_, audit_key_);
  ASSERT_TRUE(store.run([&](Repositories& repos) -> Status {
    repos.staff().insert(account("bo.verdi", "Laura Verdi"));
    repos.staff().insert(account("bo.senza", ""));
    return Ok{};
  }).ok());
  EXPECT_EQ(find("bo.verdi")->full_name, "Laura Verdi");
  EXPECT_EQ(find("bo.senza")->full_name, "");
  StaffAccount renamed = *find("bo.senza");
  renamed.full_name = "Niccolò D'Amico";
  ASSERT_TRUE(store.run([&](Repositories& repos) -> Status {
    repos.staff().update(renamed);
    return Ok{};
  }).ok());
  EXPECT_EQ(find("bo.senza")->full_name, "Niccolò D'Amico");
  EXPECT_EQ(find("bo.verdi")->full_name, "Laura Verdi");
}

TEST_F(StaffRepositoryStore, AnAccountMadeBeforeNamesReadsAsUnnamed) {
  Database::Lease lease(*db_);
  lease.session() << "INSERT INTO staff_accounts (username, role, password_hash, totp_secret_sealed, totp_last_step, "
                     "disabled, must_change_password, created_at) VALUES ('old', 'office', 'h', 's', 0, 0, 0, 1000)";
  EXPECT_EQ(find("old")->full_name, "");
}

}  // namespace
}  // namespace sportello::testing
