// The applications' pages read what citizens type and write what was filed as people read it (issue 10).
#include <gtest/gtest.h>

#include "web/applications_format.h"

namespace sportello::web {
namespace {

struct ValueCase {
  FieldKind kind;
  const char* stored;
  Language language;
  const char* shown;
};

TEST(DisplayValue, DatesMoneyAndIbanAreWrittenAsTheReaderReadsThem) {
  const ValueCase cases[] = {
      {FieldKind::date, "2026-03-01", Language::it, "01/03/2026"},
      {FieldKind::date, "2026-03-01", Language::en, "2026-03-01"},
      {FieldKind::money, "123456", Language::it, "1.234,56\u00a0€"},
      {FieldKind::money, "80000", Language::en, "€800.00"},
      {FieldKind::money, "5", Language::it, "0,05\u00a0€"},
      {FieldKind::iban, "IT60X0542811101000000123456", Language::it, "IT60 X054 2811 1010 0000 0123 456"},
      {FieldKind::integer, "4", Language::it, "4"},
      {FieldKind::text, "Università degli Studi di Milano", Language::en, "Università degli Studi di Milano"},
      {FieldKind::codici_fiscali, "BNCGLI72C45F205W", Language::it, "BNCGLI72C45F205W"},
      // What does not parse is shown as stored, never dropped.
      {FieldKind::date, "not a date", Language::it, "not a date"},
      {FieldKind::money, "12,50", Language::it, "12,50"},
      {FieldKind::iban, "IT60", Language::it, "IT60"},
  };
  for (const ValueCase& c : cases)
    EXPECT_EQ(display_value(c.kind, c.stored, c.language), c.shown) << c.stored;
}

TEST(LinesOf, EachNonEmptyTrimmedLineIsOneValue) {
  EXPECT_EQ(lines_of("BNCGLI72C45F205W\r\n\r\n  RSSMRA85T10H501O  \nX"),
            (std::vector<std::string>{"BNCGLI72C45F205W", "RSSMRA85T10H501O", "X"}));
  EXPECT_EQ(lines_of(""), std::vector<std::string>{});
  EXPECT_EQ(lines_of(" \r\n\t\n"), std::vector<std::string>{});
  EXPECT_EQ(lines_of("ONE"), std::vector<std::string>{"ONE"});
}

TEST(JoinedLines, RepeatedValuesGoBackOnePerLine) {
  EXPECT_EQ(joined_lines({"A", "B", "C"}), "A\nB\nC");
  EXPECT_EQ(joined_lines({}), "");
  EXPECT_EQ(lines_of(joined_lines({"A", "B"})), (std::vector<std::string>{"A", "B"}));
}

struct AgeCase {
  Seconds waited;
  Age::Unit unit;
  long long count;
};

TEST(AgeOf, TheLargestWholeUnitFromOneHourAndOneDayOn) {
  const Instant filed = Instant{std::chrono::sys_days{std::chrono::year{2026} / 3 / 1}};
  const AgeCase cases[] = {
      {Seconds{0}, Age::under_hour, 0},
      {Minutes{59}, Age::under_hour, 0},
      {Hours{1}, Age::hours, 1},
      {Hours{23} + Minutes{59}, Age::hours, 23},
      {Hours{24}, Age::days, 1},
      {Hours{24 * 12 + 5}, Age::days, 12},
      {Seconds{-30}, Age::under_hour, 0},  // a clock a little behind the filing's
  };
  for (const AgeCase& c : cases) {
    const Age age = age_of(filed, filed + c.waited);
    EXPECT_EQ(age.unit, c.unit) << c.waited.count();
    EXPECT_EQ(age.count, c.count) << c.waited.count();
  }
}

TEST(FileSize, BytesThenKilobytesThenMegabytesWithTheReadersDecimalMark) {
  EXPECT_EQ(file_size(850, Language::it), "850 byte");
  EXPECT_EQ(file_size(850, Language::en), "850 bytes");
  EXPECT_EQ(file_size(1024, Language::it), "1 KB");
  EXPECT_EQ(file_size(12 * 1024 + 1, Language::it), "13 KB");
  EXPECT_EQ(file_size(1258291, Language::it), "1,2 MB");
  EXPECT_EQ(file_size(1258291, Language::en), "1.2 MB");
  EXPECT_EQ(file_size(5 * 1024 * 1024, Language::it), "5,0 MB");
}

struct SubjectCase {
  const char* field;
  const char* message;
  std::optional<std::string> subject;
};

TEST(ProblemSubject, TheCodiceFiscaleOrFileAProblemNames) {
  const SubjectCase cases[] = {
      {"componenti", "\"RSSMRA85T10H501X\": The check character does not match.", "RSSMRA85T10H501X"},
      {"figli", "RSSLCU10A01H501K is 12 or older.", "RSSLCU10A01H501K"},
      {"attachments", "scansione del contratto.pdf is larger than 5 MB.", "scansione del contratto.pdf"},
      {"attachments", "this is it.png is not a PDF, JPEG or PNG file.", "this is it.png"},
      {"attachments", "Attach at least 1 document(s).", std::nullopt},
      {"iban", "This is not a valid Italian IBAN (27 characters, starting with IT).", std::nullopt},
      {"componenti", "Each person once.", std::nullopt},
      {"componenti", "\"\": empty", std::nullopt},
  };
  for (const SubjectCase& c : cases)
    EXPECT_EQ(problem_subject(Error::invalid("code", c.message, c.field)), c.subject) << c.message;
}

}  // namespace
}  // namespace sportello::web
