#pragma once
// What poppler's pdftotext reads in a PDF file: its text, and each word with its box in points from the
// page's top left (pdftotext -bbox). For tests that check what a printed page says and where.
#include <string>
#include <vector>

namespace sportello::testing {

struct PdfWord {
  double x_min, y_min, x_max, y_max;
  std::string text;
};

std::string pdf_text(const std::string& file);
std::vector<PdfWord> pdf_words(const std::string& file);

}  // namespace sportello::testing
