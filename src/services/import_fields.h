#pragma once
// What the parsers of the institute's files share (formats in docs/import-formats.md): a problem found in
// one field of one row, the mapping of a CSV header onto the columns a format expects, and readers of one
// field's text (surrounding spaces ignored; numbers as plain digits). Pure; thread-safe.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_time.h"
#include "core/result.h"
#include "services/csv_reader.h"
#include "services/money.h"

namespace sportello {

struct RowProblem {
  std::string field;    // the column or JSON path at fault; empty for the whole row
  std::string message;
};

// Where each expected column sits in the file's header. The header must name every expected column exactly
// once and nothing else, in any order.
class CsvColumns {
 public:
  // Error (invalid_input, "import-columns") naming the missing, unknown and repeated columns.
  static Result<CsvColumns> map(const CsvRecord& header, std::span<const std::string_view> expected);
  // The field of expected column `i` in `record`, trimmed. REQUIRES: has_all_fields(record).
  std::string_view get(const CsvRecord& record, std::size_t i) const;
  // False (with a problem appended) when the record's field count differs from the header's.
  bool has_all_fields(const CsvRecord& record, std::vector<RowProblem>& problems) const;

 private:
  std::vector<std::size_t> position_;
  std::size_t width_ = 0;
};

std::string_view trim_spaces(std::string_view text);
bool is_valid_utf8(std::string_view text);

// Readers that append a problem naming `field` and return false when the text is not acceptable.
bool read_count(std::string_view text, std::string_view field, int& out, std::vector<RowProblem>& problems);
bool read_text(std::string_view text, std::string_view field, std::string& out, std::vector<RowProblem>& problems);
bool read_cents(std::string_view text, std::string_view field, Cents& out, std::vector<RowProblem>& problems);
bool read_date(std::string_view text, std::string_view field, Date& out, std::vector<RowProblem>& problems);

}  // namespace sportello
