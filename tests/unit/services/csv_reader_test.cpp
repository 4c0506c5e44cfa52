// The CSV reader follows RFC 4180 (quoted commas, doubled quotes, quoted line breaks), tolerates a BOM and
// empty lines, knows where each record starts, and reads the same whatever the chunk size.
#include "services/csv_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace sportello {
namespace {

struct ReadRecord {
  std::uint64_t line;
  std::vector<std::string> fields;
  bool faulty = false;
  bool operator==(const ReadRecord&) const = default;
};

std::ostream& operator<<(std::ostream& out, const ReadRecord& r) {
  out << "line " << r.line << (r.faulty ? " (fault)" : "") << ":";
  for (const std::string& f : r.fields) out << " [" << f << "]";
  return out;
}

std::vector<ReadRecord> read_all(const std::string& text, std::size_t chunk) {
  std::istringstream in(text);
  CsvReader reader(in, chunk);
  CsvRecord record;
  std::vector<ReadRecord> out;
  while (reader.next(record))
    out.push_back({record.line, {record.fields.begin(), record.fields.end()}, !record.fault.empty()});
  EXPECT_EQ(reader.bytes_read(), text.size()) << "every byte is consumed";
  return out;
}

struct Case {
  const char* rule;
  std::string text;
  std::vector<ReadRecord> expected;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"fields split at commas, records at LF", "a,b\n1,2\n", {{1, {"a", "b"}}, {2, {"1", "2"}}}},
      {"CRLF ends a record like LF", "a,b\r\n1,2\r\n", {{1, {"a", "b"}}, {2, {"1", "2"}}}},
      {"the last record needs no line break", "a,b\n1,2", {{1, {"a", "b"}}, {2, {"1", "2"}}}},
      {"a quoted field keeps its commas", "\"Rossi, Mario\",x\n", {{1, {"Rossi, Mario", "x"}}}},
      {"a doubled quote is one quote", "\"Teatro \"\"San Carlo\"\"\",1\n", {{1, {"Teatro \"San Carlo\"", "1"}}}},
      {"a quoted line break stays in the field and moves the next record's line",
       "h\n\"uno\ndue\",3\nx,y\n", {{1, {"h"}}, {2, {"uno\ndue", "3"}}, {4, {"x", "y"}}}},
      {"a quoted CRLF is kept as written", "\"a\r\nb\"\r\nc\r\n", {{1, {"a\r\nb"}}, {3, {"c"}}}},
      {"a UTF-8 BOM at the start is skipped", "\xEF\xBB\xBFnome,città\n", {{1, {"nome", "città"}}}},
      {"empty lines are skipped but counted", "a\n\n\r\nb\n", {{1, {"a"}}, {4, {"b"}}}},
      {"empty fields are kept", ",,\n\"\",x,\n", {{1, {"", "", ""}}, {2, {"", "x", ""}}}},
      {"an empty input has no records", "", {}},
      {"a quote inside an unquoted field is a fault of that record only", "a\"b,c\nd,e\n",
       {{1, {"a\"b", "c"}, true}, {2, {"d", "e"}}}},
      {"text after a closing quote is a fault of that record only", "\"ab\"c,d\ne\n",
       {{1, {"abc", "d"}, true}, {2, {"e"}}}},
      {"a quote left open is a fault", "a,\"bc\nd\n", {{1, {"a", "bc\nd\n"}, true}}},
      {"non-ASCII text passes through", "Niccolò,Forlì\n", {{1, {"Niccolò", "Forlì"}}}},
  };
  return all;
}

TEST(CsvReader, ReadsEachCaseTheSameWhateverTheChunkSize) {
  for (const Case& c : cases())
    for (std::size_t chunk : {std::size_t{4}, std::size_t{5}, std::size_t{7}, std::size_t{64}, CsvReader::kDefaultChunk})
      EXPECT_EQ(read_all(c.text, chunk), c.expected) << c.rule << " (chunk " << chunk << ")";
}

TEST(CsvReader, ReadsAManyRecordFileThroughASmallBufferWithTheRightLines) {
  std::string text = "codice_fiscale,note\n";
  for (int i = 0; i < 20000; ++i) text += "CF" + std::to_string(i) + (i % 3 ? ",plain\n" : ",\"two\nlines\"\n");
  std::istringstream in(text);
  CsvReader reader(in, 61);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  std::uint64_t expected_line = 2;
  for (int i = 0; i < 20000; ++i) {
    ASSERT_TRUE(reader.next(record));
    ASSERT_EQ(record.line, expected_line);
    ASSERT_EQ(record.fields.size(), 2u);
    ASSERT_EQ(record.fields[0], "CF" + std::to_string(i));
    expected_line += i % 3 ? 1 : 2;
  }
  EXPECT_FALSE(reader.next(record));
  EXPECT_FALSE(reader.stream_failed());
}

TEST(CsvReader, AFieldLongerThanTheChunkIsReadWhole) {
  const std::string long_note(10000, 'x');
  EXPECT_EQ(read_all("a," + long_note + "\n\"" + long_note + "\"\n", 16),
            (std::vector<ReadRecord>{{1, {"a", long_note}}, {2, {long_note}}}));
}

}  // namespace
}  // namespace sportello
