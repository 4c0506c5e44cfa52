#include "services/csv_reader.h"

#include <algorithm>
#include <cstring>

namespace sportello {
namespace {

constexpr auto ends_unquoted = [](char c) { return c == ',' || c == '\n' || c == '\r' || c == '"'; };

}  // namespace

CsvReader::CsvReader(std::istream& in, std::size_t chunk_size) : in_(in), buffer_(std::max<std::size_t>(chunk_size, 4)) {}

bool CsvReader::fill() {
  pos_ = end_ = 0;
  if (!in_) return false;
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  end_ = static_cast<std::size_t>(in_.gcount());
  if (in_.bad()) stream_failed_ = true;
  return end_ > 0;
}

bool CsvReader::at_end() { return pos_ == end_ && !fill(); }

void CsvReader::skip_bom() {
  bom_checked_ = true;
  if (at_end() || end_ - pos_ < 3) return;
  if (std::string_view(buffer_.data() + pos_, 3) == "\xEF\xBB\xBF") {
    pos_ += 3;
    consumed_ += 3;
  }
}

// CRLF, LF, or a lone CR: one line break.
void CsvReader::skip_line_break() {
  const bool cr = peek() == '\r';
  advance();
  if (cr && !at_end() && peek() == '\n') advance();
  ++line_;
}

// Appends bytes up to the next comma, line break or end; a quote here is a fault but kept as text.
void CsvReader::read_unquoted(CsvRecord& record) {
  while (!at_end()) {
    const char* begin = buffer_.data() + pos_;
    const char* stop = std::find_if(begin, static_cast<const char*>(buffer_.data() + end_), ends_unquoted);
    const auto n = static_cast<std::size_t>(stop - begin);
    text_.append(begin, n);
    pos_ += n;
    consumed_ += n;
    if (pos_ == end_) continue;
    if (peek() != '"') return;
    if (record.fault.empty()) record.fault = "A double quote inside a field that does not start with one.";
    text_.push_back('"');
    advance();
  }
}

// After the opening quote: appends bytes up to the closing quote, turning "" into ".
void CsvReader::read_quoted(CsvRecord& record) {
  for (;;) {
    if (at_end()) {
      record.fault = "A quoted field is not closed before the end of the file.";
      return;
    }
    const char* begin = buffer_.data() + pos_;
    const void* quote = std::memchr(begin, '"', end_ - pos_);
    const char* stop = quote ? static_cast<const char*>(quote) : buffer_.data() + end_;
    const auto n = static_cast<std::size_t>(stop - begin);
    text_.append(begin, n);
    line_ += static_cast<std::uint64_t>(std::count(begin, stop, '\n'));
    pos_ += n;
    consumed_ += n;
    if (pos_ == end_) continue;
    advance();  // the quote
    if (!at_end() && peek() == '"') {
      text_.push_back('"');
      advance();
      continue;
    }
    if (!at_end() && peek() != ',' && peek() != '\n' && peek() != '\r') {
      if (record.fault.empty()) record.fault = "Text after the closing double quote of a field.";
      read_unquoted(record);
    }
    return;
  }
}

bool CsvReader::next(CsvRecord& record) {
  if (!bom_checked_) skip_bom();
  for (;;) {  // empty lines are no records
    if (at_end()) return false;
    if (peek() != '\n' && peek() != '\r') break;
    skip_line_break();
  }
  record.line = line_;
  record.fault.clear();
  text_.clear();
  bounds_.clear();
  for (;;) {
    if (!at_end() && peek() == '"') {
      advance();
      read_quoted(record);
    } else {
      read_unquoted(record);
    }
    bounds_.push_back(text_.size());
    if (at_end()) break;
    if (peek() == ',') {
      advance();
      continue;
    }
    skip_line_break();
    break;
  }
  record.fields.resize(bounds_.size());
  std::size_t start = 0;
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    record.fields[i] = std::string_view(text_.data() + start, bounds_[i] - start);
    start = bounds_[i];
  }
  return true;
}

}  // namespace sportello
