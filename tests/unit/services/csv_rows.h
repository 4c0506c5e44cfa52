#pragma once
// Rows of a records file for the row readers' tests (contributions, pension slips): one good row per test
// file, one cell spoilt at a time, turned into the CsvRecord the reader would give.
#include <map>
#include <string>
#include <vector>

#include "services/csv_reader.h"

namespace sportello::testing {

using Row = std::map<std::string, std::string>;

// A record as the reader gives it, its fields in the order of `columns`; a column the row has no cell for
// holds its own name, so an empty row gives the header.
struct OwnedRecord {
  std::vector<std::string> texts;
  CsvRecord record;
  OwnedRecord(const std::vector<std::string>& columns, const Row& row) {
    for (const std::string& c : columns) texts.push_back(row.count(c) ? row.at(c) : c);
    for (const std::string& t : texts) record.fields.emplace_back(t);
  }
};

// One column and a text it cannot hold.
struct BadCell {
  const char* column;
  const char* text;
};

}  // namespace sportello::testing
