#pragma once
// Reads CSV as RFC 4180 writes it — fields separated by commas, records by CRLF or LF, a field in double
// quotes may hold commas, line breaks and doubled quotes ("") — from a stream, in fixed-size chunks, so
// memory stays flat whatever the file's size. A UTF-8 byte order mark at the start is skipped; empty lines
// are skipped. Each record knows the 1-based line of the file where it starts (a quoted line break moves
// the next record's line on). A syntax fault (a quote inside an unquoted field, text after a closing
// quote, a quote left open at the end) marks that record with a message and reading goes on with the
// next one. Pure (no SQL, no files of its own); one reader belongs to one thread.
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace sportello {

struct CsvRecord {
  std::uint64_t line = 0;               // where the record starts, 1-based
  std::vector<std::string_view> fields; // valid until the reader's next call to next()
  std::string fault;                    // empty, or why the record is malformed (its fields are then unreliable)
};

class CsvReader {
 public:
  static constexpr std::size_t kDefaultChunk = 256 * 1024;

  explicit CsvReader(std::istream& in, std::size_t chunk_size = kDefaultChunk);
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `record`, reusing its storage. Returns false at the end of the input (or
  // when the stream fails: check stream_failed()).
  bool next(CsvRecord& record);

  std::uint64_t bytes_read() const { return consumed_; }  // bytes of the input consumed so far
  bool stream_failed() const { return stream_failed_; }

 private:
  bool fill();                     // reads the next chunk; false at the end of the input
  bool at_end();                   // no byte left, reading more if needed
  char peek() const { return buffer_[pos_]; }
  void advance() { ++pos_; ++consumed_; }
  void read_unquoted(CsvRecord& record);
  void read_quoted(CsvRecord& record);
  void skip_line_break();
  void skip_bom();

  std::istream& in_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, end_ = 0;
  std::uint64_t consumed_ = 0;
  std::uint64_t line_ = 1;
  bool bom_checked_ = false;
  bool stream_failed_ = false;
  std::string text_;                // the current record's field bytes, back to back
  std::vector<std::size_t> bounds_; // where each field ends in text_
};

}  // namespace sportello
