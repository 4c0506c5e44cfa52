// Issue 14: the reserved area's access list names staff by name and role in the reader's language, and
// never shows a username; the console's request pages write numbers as they are read out.
#include <gtest/gtest.h>

#include "web/access_list.h"
#include "web/console_request_view.h"

namespace sportello::web {
namespace {

struct ActorCase {
  AccessActor by;
  Language language;
  const char* expected;
};

TEST(AccessList, StaffByNameAndRoleTheGoneAsAnOperatorTheHolderAsLei) {
  auto texts = Texts::builtin();
  ASSERT_TRUE(texts.ok()) << texts.error().message;
  using Kind = AccessActor::Kind;
  const ActorCase cases[] = {
      {{Kind::staff, "Laura Verdi", Role::back_office, ""}, Language::it, "Laura Verdi, back office"},
      {{Kind::staff, "Laura Verdi", Role::contact_center, ""}, Language::it, "Laura Verdi, contact center"},
      {{Kind::staff, "Laura Verdi", Role::contact_center, ""}, Language::en, "Laura Verdi, contact centre"},
      {{Kind::staff, "", Role::office, ""}, Language::it, "Operatore dell'Istituto, operatore di sede"},
      {{Kind::operator_, "", std::nullopt, ""}, Language::it, "Operatore dell'Istituto"},
      {{Kind::operator_, "", std::nullopt, ""}, Language::en, "Institute operator"},
      {{Kind::holder, "", std::nullopt, ""}, Language::it, "Lei"},
      {{Kind::system, "", std::nullopt, ""}, Language::it, "Istituto (procedura automatica)"},
      {{Kind::staff, "Paola Neri", Role::patronato, "Patronato INCA CGIL"}, Language::it,
       "Paola Neri, patronato (Patronato INCA CGIL)"},
  };
  for (const ActorCase& c : cases) EXPECT_EQ(access_actor_text(**texts, c.language, c.by), c.expected);
}

TEST(ConsoleRequestView, AMobileIsGroupedALandlineKeepsItsDigitsAndAnythingElseIsUnchanged) {
  const std::pair<const char*, const char*> cases[] = {
      {"+393331234567", "+39 333 123 4567"},
      {"+390612345678", "+39 0612345678"},
      {"+39055123456", "+39 055123456"},
      {"+441234567890", "+441234567890"},
      {"", ""},
  };
  for (const auto& [normalised, readable] : cases) EXPECT_EQ(readable_phone(normalised), readable) << normalised;
}

}  // namespace
}  // namespace sportello::web
