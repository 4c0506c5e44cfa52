// SPEC §4.1, issue 14: what the contact centre reads on the 48-hour call. The queue and a single request carry
// whom to call and everything to check (birth place by name, never a Belfiore code; residence; contacts); a
// request is found by its number or the codice fiscale as people type them; only the roles of the call may.
#include <gtest/gtest.h>

#include <cctype>
#include <functional>

#include "scenario.h"

namespace sportello::testing {
namespace {

class ReviewRequestData : public AppFixture {
 protected:
  // Luca, born in France, who gave a landline and an e-mail but no mobile.
  ApplicantInput luca() {
    ApplicantInput in = person("Conti", "Luca", "M", "1969-04-02", "Z110", "", "luca.conti@example.it");
    in.home_phone = "06 1234 5678";
    return with_code(in, ctx().places);
  }

  std::string request(const ApplicantInput& who) {
    auto made = RequestPinOnline(ctx()).run(who);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
    return made.ok() ? made->reference : "";
  }
};

TEST_F(ReviewRequestData, TheQueueCarriesWhomToCallAndWhatToCheckWithThePlaceByName) {
  const ApplicantInput mario = sportello::testing::mario(ctx().places);
  const std::string reference = request(mario);
  request(luca());
  auto queue = ReviewRequest(ctx()).queue(kConsole);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 2u);
  const PendingRequest& first = (*queue)[0];
  EXPECT_EQ(first.codice_fiscale, mario.codice_fiscale);
  EXPECT_EQ(first.request_reference, reference);
  EXPECT_EQ(first.sex, Sex::male);
  EXPECT_EQ(first.birth_date, *parse_date("1985-12-10"));
  EXPECT_EQ(first.birth_place, "ROMA (RM)");
  EXPECT_EQ(first.residence, (Address{"Via Roma", "1", "00100", "Roma", "RM"}));
  EXPECT_EQ(first.contacts.mobile, "+393331234567");
  EXPECT_EQ(first.contacts.email, "mario.rossi@example.it");
  const PendingRequest& second = (*queue)[1];
  EXPECT_EQ(second.birth_place, "Francia");
  EXPECT_EQ(second.contacts.home_phone, "+390612345678");
  EXPECT_TRUE(second.contacts.mobile.empty());
}

struct Typed {
  const char* what;
  std::function<std::string(const ApplicantInput&, const std::string& reference)> typed;
};

TEST_F(ReviewRequestData, ARequestIsFoundByItsNumberOrCodiceFiscaleAsPeopleTypeThem) {
  const ApplicantInput who = luca();
  const std::string reference = request(who);
  ASSERT_EQ(reference.size(), 12u);
  const auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const Typed cases[] = {
      {"the codice fiscale", [](const ApplicantInput& w, const std::string&) { return w.codice_fiscale; }},
      {"the codice fiscale in groups, lower case",
       [&](const ApplicantInput& w, const std::string&) {
         const std::string cf = lower(w.codice_fiscale);
         return cf.substr(0, 6) + " " + cf.substr(6, 5) + " " + cf.substr(11);
       }},
      {"the number", [](const ApplicantInput&, const std::string& r) { return r; }},
      {"the number, lower case with spaces",
       [&](const ApplicantInput&, const std::string& r) { return lower(r.substr(0, 2) + " " + r.substr(3, 4) + " " + r.substr(8)); }},
      {"the number without RP", [](const ApplicantInput&, const std::string& r) { return r.substr(3); }},
  };
  for (const Typed& c : cases) {
    auto found = ReviewRequest(ctx()).find(kConsole, c.typed(who, reference));
    ASSERT_TRUE(found.ok()) << c.what << ": " << found.error().code;
    EXPECT_EQ(found->codice_fiscale, who.codice_fiscale) << c.what;
    EXPECT_EQ(found->birth_place, "Francia") << c.what;
  }
}

TEST_F(ReviewRequestData, NothingIsFoundForAnUnknownNumberOrADecidedRequest) {
  const ApplicantInput who = luca();
  request(who);
  EXPECT_EQ(ReviewRequest(ctx()).find(kConsole, "RP-2222-2222").error().code, "holder-not-found");
  EXPECT_EQ(ReviewRequest(ctx()).find(kConsole, mario(ctx().places).codice_fiscale).error().code, "holder-not-found");
  EXPECT_FALSE(ReviewRequest(ctx()).find(kConsole, "not a code").ok());
  ASSERT_TRUE(ReviewRequest(ctx()).reject(kConsole, who.codice_fiscale, "data not confirmed").ok());
  EXPECT_EQ(ReviewRequest(ctx()).find(kConsole, who.codice_fiscale).error().code, "holder-not-found");
}

TEST_F(ReviewRequestData, OnlyTheContactCentreAndTheOfficeMayReadARequest) {
  const ApplicantInput who = luca();
  request(who);
  EXPECT_TRUE(ReviewRequest(ctx()).find(Actor::staff("cc", Role::contact_center), who.codice_fiscale).ok());
  EXPECT_TRUE(ReviewRequest(ctx()).find(Actor::staff("sede", Role::office), who.codice_fiscale).ok());
  EXPECT_EQ(ReviewRequest(ctx()).find(Actor::staff("bo", Role::back_office), who.codice_fiscale).error().kind,
            ErrorKind::forbidden);
  EXPECT_EQ(ReviewRequest(ctx()).queue(Actor::staff("bo", Role::back_office)).error().kind, ErrorKind::forbidden);
}

}  // namespace
}  // namespace sportello::testing
