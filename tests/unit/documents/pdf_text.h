#pragma once
// A rendered PDF read back by poppler for the documents' tests: its text as `pdftotext -layout` lays it out,
// page by page, and its page count as pdfinfo reports it.
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "support/command.h"
#include "support/temp_dir.h"

namespace sportello::testing {

struct PdfText {
  std::vector<std::string> pages;  // one string per page, as pdftotext -layout prints it
  int info_pages = -1;             // "Pages:" of pdfinfo
  std::string all() const {
    std::string text;
    for (const auto& page : pages) text += page + "\n";
    return text;
  }
};

inline PdfText read_pdf(const std::string& bytes) {
  TempDir dir;
  const std::string file = (dir / "document.pdf").string();
  std::ofstream(file, std::ios::binary) << bytes;
  PdfText pdf;
  const std::string text = command_output("pdftotext -layout -enc UTF-8 '" + file + "' -");
  std::size_t start = 0;
  for (std::size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1)
    pdf.pages.push_back(text.substr(start, ff - start));
  std::smatch match;
  const std::string info = command_output("pdfinfo '" + file + "'");
  if (std::regex_search(info, match, std::regex("Pages:\\s+(\\d+)"))) pdf.info_pages = std::stoi(match[1]);
  return pdf;
}

// Runs of spaces (pdftotext -layout pads columns) as one space, so a phrase compares whatever its layout.
inline std::string squeezed(const std::string& text) { return std::regex_replace(text, std::regex(" +"), " "); }

inline int occurrences(const std::string& text, const std::string& what) {
  int count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

}  // namespace sportello::testing
