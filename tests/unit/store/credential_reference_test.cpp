// Issue 14: the number of an online request is stored on its credential, found again by it, and never
// shared by two credentials (migration 0008's unique index), while credentials without one coexist.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace sportello::testing {
namespace {

class CredentialReference : public StoreFixture {
 protected:
  // A citizen and a credential with this reference (or none); the write's status.
  Status add(const std::string& code, std::optional<std::string> reference) {
    return run([&](Repositories& repos) -> Status {
      Citizen citizen;
      citizen.codice_fiscale = code;
      citizen.data.surname = "Rossi";
      citizen.data.name = "Mario";
      citizen.data.birth_date = std::chrono::year{1985} / 12 / 10;
      citizen.data.birth_place_code = "H501";
      citizen.created_at = from_unix(1);
      const std::int64_t citizen_id = repos.citizens().insert(citizen);
      Credential credential = Credential::issue(citizen_id, IssueChannel::online, Level::ordinario, "hash", from_unix(1));
      credential.request_reference = reference;
      credential.id = repos.credentials().insert(credential);
      return Ok{};
    });
  }
  std::optional<Credential> find(const std::string& reference) {
    std::optional<Credential> found;
    EXPECT_TRUE(run([&](Repositories& repos) -> Status {
      found = repos.credentials().find_by_request_reference(reference);
      return Ok{};
    }).ok());
    return found;
  }

};

TEST_F(CredentialReference, ARequestNumberIsStoredFoundAgainAndNeverShared) {
  ASSERT_TRUE(add("RSSMRA85T10H501O", "RP-7KQ4-M2XW").ok());
  ASSERT_TRUE(add("BNCGLI72C45F205W", std::nullopt).ok());
  ASSERT_TRUE(add("VRDLCU80E15H501C", std::nullopt).ok());  // many credentials without a number
  const auto found = find("RP-7KQ4-M2XW");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->request_reference, "RP-7KQ4-M2XW");
  EXPECT_FALSE(find("RP-7KQ4-M2XX"));
  EXPECT_FALSE(find(""));
  const Status twice = add("SPSNNA90L61F839V", "RP-7KQ4-M2XW");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().kind, ErrorKind::unavailable);
  EXPECT_EQ(find("RP-7KQ4-M2XW")->citizen_id, found->citizen_id);  // the first keeps it
}

}  // namespace
}  // namespace sportello::testing
