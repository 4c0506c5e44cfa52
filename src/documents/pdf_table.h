#pragma once
// A table drawn row by row on a PdfDocument: fixed column widths, a header band in light grey, cells
// aligned left or right, text wrapped only in the columns declared to wrap. The other columns hold short
// values that fit on one line by construction, so a row measures only its wrapping cells (whose layouts
// PdfDocument keeps for the drawing) and its separator is batched: a 540-row table stays fast.
// Rows are measured first and drawn later, so a PageFlow can place them. Not thread-safe.
#include <string>
#include <vector>

#include "documents/pdf_page.h"

namespace sportello {

struct TableColumn {
  std::string title;
  double width = 0;
  bool right_aligned = false;
  bool wraps = false;
};

class PdfTable {
 public:
  PdfTable(const PdfDocument& pdf, std::vector<TableColumn> columns, double x, std::string font,
           std::string header_font);

  double width() const { return width_; }
  double x() const { return x_; }
  double header_height() const { return header_height_; }
  void draw_header(PdfDocument& pdf, double y) const;
  // The height of a row of `cells` (one per column).
  double row_height(const PdfDocument& pdf, const std::vector<std::string>& cells) const;
  // Draws a row measured by row_height(), with a hairline under it.
  void draw_row(PdfDocument& pdf, double y, const std::vector<std::string>& cells, double height) const;
  // A band across the whole table with `text` in `font` on a grey fill (0 none): a year's heading or total.
  double band_height(const PdfDocument& pdf, const std::string& text, const std::string& font) const;
  void draw_band(PdfDocument& pdf, double y, const std::string& text, const std::string& font, double height,
                 double gray) const;

  static constexpr double kPadding = 2.5;

 private:
  std::vector<TableColumn> columns_;
  double x_;
  double width_ = 0;
  std::string font_, header_font_;
  double line_height_ = 0;
  double header_height_ = 0;
};

}  // namespace sportello
