#pragma once
// A small writer of A4 PDF pages over cairo and pango: text at a position in a given font (measured before
// drawing when a layout needs to know), lines and boxes, a count of pages; the finished document as bytes.
// Text wraps at word boundaries and breaks a word only when it alone is wider than the column.
// One use at a time; not thread-safe.
#include <memory>
#include <string>

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace sportello {

class PdfDocument {
 public:
  static constexpr double kWidth = 595.28;   // A4 in points
  static constexpr double kHeight = 841.89;

  // `font_resolution` is the dots per inch pango assumes when it turns a font size into PDF points: with its
  // default, 96, "DejaVu Sans 10" prints at 13.3 pt; with 72 a font size is the printed size in points.
  explicit PdfDocument(double font_resolution = 96);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // Writes `text` (UTF-8) with its top-left corner at (x, y); returns the height it took. `width` wraps.
  double text(double x, double y, const std::string& text, const std::string& font = "DejaVu Sans 10",
              double width = kWidth - 120);
  // Writes `text` on one line with its top-right corner at (right, y); returns the height it took.
  double text_right(double right, double y, const std::string& text, const std::string& font = "DejaVu Sans 10");
  // The height `text` would take in `font` wrapped at `width`; draws nothing.
  double text_height(const std::string& text, const std::string& font = "DejaVu Sans 10",
                     double width = kWidth - 120) const;
  void line(double x1, double y1, double x2, double y2, double thickness = 0.8);
  void box(double x, double y, double w, double h, double thickness = 1.0);
  void next_page();
  // Pages begun so far, counting the current one (1 for a new document).
  int page_count() const { return pages_; }
  // Closes the document and returns its bytes.
  std::string finish();

 private:
  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  double font_resolution_;
  int pages_ = 1;
};

}  // namespace sportello
