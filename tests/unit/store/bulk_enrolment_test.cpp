// Issue 13: the bulk enrolment behind `demo seed --citizens N` (COPY on PostgreSQL, a prepared INSERT on SQLite)
// adds each new citizen with an active credential and its PIN history, leaves the ones already there alone, and
// adds nothing twice when run again.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace sportello::testing {
namespace {

Citizen someone(const std::string& code, const std::string& surname) {
  Citizen c;
  c.codice_fiscale = code;
  c.data.surname = surname;
  c.data.name = "Anna";
  c.data.sex = Sex::female;
  c.data.birth_date = std::chrono::year{1961} / 4 / 2;
  c.data.birth_place_code = "F205";
  c.data.residence = {"Via Roma", "1", "20100", "Milano", "MI"};
  c.contacts.mobile = "+393330000001";
  c.contacts.email = "anna@example.it";
  c.contacts.mobile_verified = c.contacts.email_verified = true;
  c.created_at = from_unix(5000);
  return c;
}

class BulkEnrolment : public StoreFixture {
 protected:
  std::size_t add(const std::vector<Citizen>& people) {
    std::size_t added = 0;
    const Status done = run([&](Repositories& repos) -> Status {
      added = repos.bulk_enrolment().add_with_pin(people, "$argon2id$shared", Level::ordinario, from_unix(6000));
      return Ok{};
    });
    EXPECT_TRUE(done.ok()) << done.error().message;
    return added;
  }
};

TEST_F(BulkEnrolment, AddsTheNewCitizensWithAnActivePinAndKeepsTheOnesThere) {
  ASSERT_TRUE(run([](Repositories& repos) -> Status {
    Citizen there = someone("BNCNNA61D42F205X", "Già presente");
    repos.citizens().insert(there);
    return Ok{};
  }).ok());
  // A value with every character COPY's text format escapes comes back unchanged.
  std::vector<Citizen> people{someone("RSSNNA61D42F205Y", "Rossi\\Tab\tNew\nline\r"), someone("BNCNNA61D42F205X", "Bianchi"),
                              someone("VRDNNA61D42F205Z", "Verdi")};
  EXPECT_EQ(add(people), 2u);
  EXPECT_EQ(add(people), 0u);  // run again: nothing twice

  ASSERT_TRUE(run([](Repositories& repos) -> Status {
    const auto rossi = repos.citizens().find_by_codice_fiscale("RSSNNA61D42F205Y");
    EXPECT_TRUE(rossi.has_value());
    if (!rossi) return Ok{};
    EXPECT_EQ(rossi->data.surname, "Rossi\\Tab\tNew\nline\r");
    EXPECT_EQ(rossi->data.residence.comune, "Milano");
    EXPECT_EQ(rossi->contacts.email, "anna@example.it");
    EXPECT_TRUE(rossi->contacts.mobile_verified);
    EXPECT_EQ(to_unix(rossi->created_at), 5000);
    const auto credential = repos.credentials().find_by_citizen(rossi->id);
    EXPECT_TRUE(credential.has_value());
    if (!credential) return Ok{};
    EXPECT_EQ(credential->state, CredentialState::active);
    EXPECT_EQ(credential->level, Level::ordinario);
    EXPECT_EQ(credential->pin_hash, "$argon2id$shared");
    EXPECT_EQ(credential->pin_changed_at, from_unix(6000));
    EXPECT_EQ(repos.credentials().recent_pin_hashes(credential->id, 5), std::vector<std::string>{"$argon2id$shared"});
    // The citizen who was there keeps their data and gets no credential from the load.
    const auto there = repos.citizens().find_by_codice_fiscale("BNCNNA61D42F205X");
    EXPECT_EQ(there->data.surname, "Già presente");
    EXPECT_FALSE(repos.credentials().find_by_citizen(there->id).has_value());
    return Ok{};
  }).ok());
}

TEST_F(BulkEnrolment, ABatchThatFailsAddsNothing) {
  // Two different people with one code: the unique index refuses the batch, and the transaction undoes it all.
  std::vector<Citizen> people{someone("RSSNNA61D42F205Y", "Rossi"), someone("RSSNNA61D42F205Y", "Russo"),
                              someone("VRDNNA61D42F205Z", "Verdi")};
  const Status done = run([&](Repositories& repos) -> Status {
    repos.bulk_enrolment().add_with_pin(people, "h", Level::ordinario, from_unix(6000));
    return Ok{};
  });
  EXPECT_EQ(done.error().kind, ErrorKind::unavailable);
  ASSERT_TRUE(run([](Repositories& repos) -> Status {
    EXPECT_FALSE(repos.citizens().find_by_codice_fiscale("VRDNNA61D42F205Z").has_value());
    return Ok{};
  }).ok());
  EXPECT_EQ(add({someone("VRDNNA61D42F205Z", "Verdi")}), 1u);  // and the connection still works
}

}  // namespace
}  // namespace sportello::testing
