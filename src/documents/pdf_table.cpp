#include "documents/pdf_table.h"

#include <algorithm>

namespace sportello {
namespace {

// Each line of `text` (split at '\n', never wrapped) flush right at `right`.
void right_aligned_lines(PdfDocument& pdf, double right, double y, const std::string& text, const std::string& font) {
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    y += pdf.text_right(right, y, text.substr(start, end - start), font);
    if (end == std::string::npos) return;
    start = end + 1;
  }
}

}  // namespace

PdfTable::PdfTable(const PdfDocument& pdf, std::vector<TableColumn> columns, double x, std::string font,
                   std::string header_font)
    : columns_(std::move(columns)), x_(x), font_(std::move(font)), header_font_(std::move(header_font)) {
  for (const TableColumn& column : columns_) width_ += column.width;
  line_height_ = pdf.text_height("Ag", font_, -1);
  double titles = 0;
  for (const TableColumn& column : columns_)
    titles = std::max(titles, pdf.text_height(column.title, header_font_, column.width - 2 * kPadding));
  header_height_ = titles + 2 * kPadding;
}

void PdfTable::draw_header(PdfDocument& pdf, double y) const {
  pdf.fill(x_, y, width_, header_height_, 0.86);
  double x = x_;
  for (const TableColumn& column : columns_) {
    if (column.right_aligned)
      right_aligned_lines(pdf, x + column.width - kPadding, y + kPadding, column.title, header_font_);
    else
      pdf.text(x + kPadding, y + kPadding, column.title, header_font_, column.width - 2 * kPadding);
    x += column.width;
  }
  pdf.line(x_, y + header_height_, x_ + width_, y + header_height_, 0.6);
}

double PdfTable::row_height(const PdfDocument& pdf, const std::vector<std::string>& cells) const {
  double height = line_height_;
  for (std::size_t i = 0; i < columns_.size() && i < cells.size(); ++i)
    if (columns_[i].wraps && !cells[i].empty())
      height = std::max(height, pdf.text_height(cells[i], font_, columns_[i].width - 2 * kPadding));
  return height + 2 * kPadding;
}

void PdfTable::draw_row(PdfDocument& pdf, double y, const std::vector<std::string>& cells, double height) const {
  double x = x_;
  for (std::size_t i = 0; i < columns_.size() && i < cells.size(); ++i) {
    const TableColumn& column = columns_[i];
    if (!cells[i].empty() && column.right_aligned)
      pdf.text_right(x + column.width - kPadding, y + kPadding, cells[i], font_);
    else if (!cells[i].empty())
      pdf.text(x + kPadding, y + kPadding, cells[i], font_, column.wraps ? column.width - 2 * kPadding : -1);
    x += column.width;
  }
  pdf.batched_line(x_, y + height, x_ + width_, y + height, 0.3, 0.6);
}

double PdfTable::band_height(const PdfDocument& pdf, const std::string& text, const std::string& font) const {
  return pdf.text_height(text, font, width_ - 2 * kPadding) + 2 * kPadding;
}

void PdfTable::draw_band(PdfDocument& pdf, double y, const std::string& text, const std::string& font,
                         double height, double gray) const {
  if (gray > 0) pdf.fill(x_, y, width_, height, gray);
  pdf.text(x_ + kPadding, y + kPadding, text, font, width_ - 2 * kPadding);
}

}  // namespace sportello
