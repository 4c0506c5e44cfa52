#include "core/contact.h"

#include <gtest/gtest.h>

#include <string>

namespace sportello {
namespace {

// A row: what was typed, and the normalised value, or nullptr when it must be refused.
struct Row {
  const char* typed;
  const char* expected;
};

void expect_rows(const char* what, const Row* begin, const Row* end,
                 Result<std::string> (*normalise)(std::string_view), const char* field) {
  for (const Row* row = begin; row != end; ++row) {
    const Result<std::string> result = normalise(row->typed);
    if (row->expected) {
      ASSERT_TRUE(result.ok()) << what << " \"" << row->typed << "\": " << result.error().code;
      EXPECT_EQ(result.value(), row->expected) << what << " \"" << row->typed << '"';
    } else {
      ASSERT_FALSE(result.ok()) << what << " \"" << row->typed << "\" accepted as " << result.value();
      EXPECT_EQ(result.error().kind, ErrorKind::invalid_input) << row->typed;
      EXPECT_EQ(result.error().field, field) << row->typed;
      EXPECT_EQ(result.error().code, std::string("invalid-") + field) << row->typed;
      EXPECT_FALSE(result.error().message.empty()) << row->typed;
    }
  }
}

Result<std::string> mobile(std::string_view text) { return normalise_mobile(text); }
Result<std::string> home_phone(std::string_view text) { return normalise_landline(text, "home_phone"); }
Result<std::string> email(std::string_view text) { return normalise_email(text); }

TEST(Contact, MobileNumbersNormaliseToPlus39AndRefuseLandlinesAndWrongLengths) {
  const Row rows[] = {
      {"3331234567", "+393331234567"},
      {"+393331234567", "+393331234567"},
      {"+39 333 123 4567", "+393331234567"},
      {"0039 333 1234567", "+393331234567"},
      {"00393331234567", "+393331234567"},
      {"333-123-4567", "+393331234567"},
      {"+39 333-123 45 67", "+393331234567"},
      {"(333) 123.4567", "+393331234567"},
      {"+39\u00A0333\u00A01234567", "+393331234567"},  // no-break spaces, copied from a page
      {"333\t123 4567", "+393331234567"},
      {"333\u2013123\u20114567", "+393331234567"},       // en dash and non-breaking hyphen
      {" 0039 333 123 4567 ", "+393331234567"},
      {"333123456", "+39333123456"},          // 9 digits: the shortest mobile
      {"33312345", nullptr},                  // 8 digits: too short
      {"33312345678", nullptr},               // 11 digits: too long
      {"+39 333 1234 5678", nullptr},         // too long after the prefix
      {"06 1234 5678", nullptr},              // a Rome landline is not a mobile
      {"+39 02 1234567", nullptr},            // a Milan landline
      {"800123456", nullptr},                 // toll-free
      {"+33 6 12 34 56 78", nullptr},         // not an Italian number
      {"393331234567", nullptr},              // country code without + or 00
      {"333 123 456a", nullptr},              // a letter
      {"333_123_4567", nullptr},              // an unexpected separator
      {"+39", nullptr},
      {"", nullptr},
  };
  expect_rows("mobile", std::begin(rows), std::end(rows), mobile, "mobile");
}

TEST(Contact, LandlinesBeginWithZeroAndHaveSixToElevenDigits) {
  const Row rows[] = {
      {"06 1234 5678", "+390612345678"},
      {"+39 06 12345678", "+390612345678"},
      {"0039-02-1234567", "+39021234567"},
      {"0543 123456", "+390543123456"},
      {"012345", "+39012345"},                // 6 digits: the shortest
      {"01234567890", "+3901234567890"},      // 11 digits: the longest
      {"01234", nullptr},                     // 5 digits
      {"012345678901", nullptr},              // 12 digits
      {"333 123 4567", nullptr},              // a mobile is not a landline
      {"06 1234 567x", nullptr},
      {"", nullptr},
  };
  expect_rows("landline", std::begin(rows), std::end(rows), home_phone, "home_phone");
}

TEST(Contact, EmailsKeepTheLocalPartAndLowerCaseTheDomain) {
  const Row rows[] = {
      {"mario.rossi@example.it", "mario.rossi@example.it"},
      {"Mario.Rossi@Example.IT", "Mario.Rossi@example.it"},
      {"m.rossi+inps@posta.example.com", "m.rossi+inps@posta.example.com"},
      {"MARIO@PEC.EXAMPLE.IT", "MARIO@pec.example.it"},
      {"  mario@example.it  ", "mario@example.it"},  // as pasted: surrounding spaces are not part of it
      {"\tmario@example.it\u00A0", "mario@example.it"},
      {"mario.rossi.example.it", nullptr},           // no @
      {"mario@rossi@example.it", nullptr},           // two @
      {"@example.it", nullptr},                      // no local part
      {"mario@", nullptr},                           // no domain
      {"mario@example", nullptr},                    // no dot in the domain
      {"mario@example.", nullptr},                   // nothing after the dot
      {"mario@example.i", nullptr},                  // one-letter top-level domain
      {"mario@.example.it", nullptr},
      {"mario@-example.it", nullptr},
      {"mario@example..it", nullptr},
      {"mario rossi@example.it", nullptr},           // a space inside
      {"mario@exa mple.it", nullptr},
      {"mario\t@example.it", nullptr},
      {"mario,rossi@example.it", nullptr},
      {"<mario@example.it>", nullptr},
      {"", nullptr},
  };
  expect_rows("email", std::begin(rows), std::end(rows), email, "email");
}

TEST(Contact, OverlongEmailIsRefused) {
  const std::string local(64, 'a');
  const std::string long_domain = std::string(200, 'b') + ".it";
  EXPECT_TRUE(normalise_email(local + "@" + std::string(180, 'b') + ".it").ok());
  EXPECT_FALSE(normalise_email(local + "@" + long_domain).ok());
}

TEST(Contact, NormaliseContactValidatesByKindAndNamesTheKindAsField) {
  struct Case {
    ContactKind kind;
    const char* typed;
    const char* expected;  // nullptr: refused with field to_string(kind)
  };
  const Case cases[] = {
      {ContactKind::mobile, "333 1234567", "+393331234567"},
      {ContactKind::mobile, "06 12345678", nullptr},
      {ContactKind::email, "a.b@Example.it", "a.b@example.it"},
      {ContactKind::email, "a.b", nullptr},
      {ContactKind::pec, "mario@PEC.it", "mario@pec.it"},
      {ContactKind::pec, "mario", nullptr},
      {ContactKind::pec_cittadino, "mario@domicilio.it", "mario@domicilio.it"},
      {ContactKind::pec_cittadino, "333 1234567", nullptr},
      {ContactKind::home_phone, "06 12345678", "+390612345678"},
      {ContactKind::home_phone, "333 1234567", nullptr},
      {ContactKind::office_phone, "02 1234567", "+39021234567"},
      {ContactKind::office_phone, "mario@example.it", nullptr},
      {ContactKind::fax, "+39 06 1234567", "+39061234567"},
      {ContactKind::fax, "12345", nullptr},
  };
  for (const auto& c : cases) {
    const auto result = normalise_contact(c.kind, c.typed);
    if (c.expected) {
      ASSERT_TRUE(result.ok()) << to_string(c.kind) << " " << c.typed;
      EXPECT_EQ(result.value(), c.expected) << to_string(c.kind);
    } else {
      ASSERT_FALSE(result.ok()) << to_string(c.kind) << " " << c.typed;
      EXPECT_EQ(result.error().field, to_string(c.kind));
    }
  }
}

// Recovery (SPEC §4.5) matches the contacts a person types against the registered ones: the way they are
// written must not matter, the contact itself must.
TEST(Contact, TwoWritingsOfOneContactHaveTheSameMatchKey) {
  struct Case {
    ContactKind kind;
    const char* registered;
    const char* typed;
    bool same;
  };
  const Case cases[] = {
      {ContactKind::email, "mario.rossi@example.it", "Mario.Rossi@Example.IT", true},  // the whole address
      {ContactKind::email, "Mario.Rossi@example.it", "mario.rossi@EXAMPLE.it", true},   // stored as typed once
      {ContactKind::email, "mario.rossi@example.it", " MARIO.ROSSI@EXAMPLE.IT\t", true},
      {ContactKind::email, "mario.rossi@example.it", "mario.rossi@example.com", false},
      {ContactKind::email, "mario.rossi@example.it", "mario.rosi@example.it", false},
      {ContactKind::pec, "mario.rossi@pec.example.it", "MARIO.ROSSI@PEC.EXAMPLE.IT", true},
      {ContactKind::pec_cittadino, "mario@domicilio.example.it", "Mario@Domicilio.Example.It", true},
      {ContactKind::mobile, "+393331234567", "+39 333 1234567", true},
      {ContactKind::mobile, "+393331234567", "0039 333 1234567", true},
      {ContactKind::mobile, "+393331234567", "333-123 4567", true},
      {ContactKind::mobile, "+393331234567", "3331234567", true},
      {ContactKind::mobile, "+393331234567", "333 123 45 67", true},
      {ContactKind::mobile, "+39 333 1234567", "(333) 123.4567", true},  // a registered value in any writing
      {ContactKind::mobile, "+393331234567", "+39 333 1234568", false},
      {ContactKind::mobile, "+393331234567", "", false},
      {ContactKind::home_phone, "+390612345678", "06 1234 5678", true},
      {ContactKind::home_phone, "+390612345678", "06 1234 5679", false},
      {ContactKind::mobile, "not a number", "not a number", true},      // malformed: compared as written
      {ContactKind::mobile, "not a number", "NOT A NUMBER", false},
  };
  for (const auto& c : cases) {
    const bool same = contact_match_key(c.kind, c.registered) == contact_match_key(c.kind, c.typed);
    EXPECT_EQ(same, c.same) << to_string(c.kind) << ": \"" << c.registered << "\" vs \"" << c.typed << '"';
  }
}

TEST(Contact, KindNamesRoundTrip) {
  struct Case {
    ContactKind kind;
    const char* name;
  };
  const Case cases[] = {
      {ContactKind::mobile, "mobile"},
      {ContactKind::email, "email"},
      {ContactKind::pec, "pec"},
      {ContactKind::pec_cittadino, "pec_cittadino"},
      {ContactKind::home_phone, "home_phone"},
      {ContactKind::office_phone, "office_phone"},
      {ContactKind::fax, "fax"},
  };
  for (const auto& c : cases) {
    EXPECT_STREQ(to_string(c.kind), c.name);
    ContactKind parsed = c.kind == ContactKind::fax ? ContactKind::mobile : ContactKind::fax;
    ASSERT_TRUE(parse_contact_kind(c.name, parsed)) << c.name;
    EXPECT_EQ(parsed, c.kind) << c.name;
  }
}

TEST(Contact, UnknownKindNamesAreRefusedAndLeaveTheOutputAlone) {
  for (const char* text : {"", "telefono", "Mobile", "EMAIL", "pec-cittadino", "home", "mobile "}) {
    ContactKind out = ContactKind::office_phone;
    EXPECT_FALSE(parse_contact_kind(text, out)) << '"' << text << '"';
    EXPECT_EQ(out, ContactKind::office_phone) << text;
  }
}

}  // namespace
}  // namespace sportello
