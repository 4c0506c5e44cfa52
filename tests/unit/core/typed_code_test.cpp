// Codes as people type them: the separators between a code's groups are dropped, nothing else is.
#include "core/typed_code.h"

#include <gtest/gtest.h>

#include <string>

namespace sportello {
namespace {

struct TypedCodeRow {
  const char* typed;
  const char* without_spaces;
  const char* without_separators;
  const char* normalised;
};

TEST(TypedCode, SpacesAndDashesOfEveryKindAreDroppedAndNothingElse) {
  const TypedCodeRow rows[] = {
      {"ABCD1234", "ABCD1234", "ABCD1234", "ABCD1234"},
      {"abcd efgh", "abcdefgh", "abcdefgh", "ABCDEFGH"},
      {"abcd-efgh", "abcd-efgh", "abcdefgh", "ABCDEFGH"},
      {" \t\r\nab\vcd\f ", "abcd", "abcd", "ABCD"},
      {"AB\u00A0CD", "ABCD", "ABCD", "ABCD"},                  // no-break space
      {"AB\u2009CD\u202FEF\u2007GH", "ABCDEFGH", "ABCDEFGH", "ABCDEFGH"},  // thin, narrow no-break, figure
      {"AB\u200BCD\u2060EF\uFEFF", "ABCDEF", "ABCDEF", "ABCDEF"},  // zero-width space, word joiner, BOM
      {"AB\u3000CD", "ABCD", "ABCD", "ABCD"},                  // ideographic space
      {"AB\u2010CD\u2011EF\u2013GH\u2014IJ", "AB\u2010CD\u2011EF\u2013GH\u2014IJ", "ABCDEFGHIJ", "ABCDEFGHIJ"},
      {"AB\u2212CD\u00ADEF\uFF0DGH", "AB\u2212CD\u00ADEF\uFF0DGH", "ABCDEFGH", "ABCDEFGH"},  // minus, soft, full-width
      {"tok_EN-123 ", "tok_EN-123", "tok_EN123", "TOK_EN123"},  // '_' and '.' are not separators
      {"a.b/c", "a.b/c", "a.b/c", "A.B/C"},
      {"Niccolò", "Niccolò", "Niccolò", "NICCOLò"},            // other letters are kept as they are
      {"\xC2", "\xC2", "\xC2", "\xC2"},                        // a cut UTF-8 sequence is kept, not read past
      {"AB\xE2\x80", "AB\xE2\x80", "AB\xE2\x80", "AB\xE2\x80"},
      {"", "", "", ""},
  };
  for (const TypedCodeRow& row : rows) {
    EXPECT_EQ(without_spaces(row.typed), row.without_spaces) << '"' << row.typed << '"';
    EXPECT_EQ(without_separators(row.typed), row.without_separators) << '"' << row.typed << '"';
    EXPECT_EQ(normalise_typed_code(row.typed), row.normalised) << '"' << row.typed << '"';
  }
}

TEST(TypedCode, SurroundingSpacesGoAndInnerOnesStay) {
  const struct {
    const char* typed;
    const char* trimmed;
  } rows[] = {
      {"  mario.rossi@example.it\t", "mario.rossi@example.it"},
      {"\u00A0mario rossi\u00A0\u2009", "mario rossi"},
      {"\u00A0", ""},
      {"-x-", "-x-"},  // dashes are not spaces
      {"", ""},
  };
  for (const auto& row : rows) EXPECT_EQ(without_surrounding_spaces(row.typed), row.trimmed) << '"' << row.typed << '"';
}

}  // namespace
}  // namespace sportello
