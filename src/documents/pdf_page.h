#pragma once
// A small writer of A4 PDF pages over cairo and pango: text at a position in a given font, lines and
// boxes; the finished document as bytes. One use at a time; not thread-safe.
#include <memory>
#include <string>

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;

namespace sportello {

class PdfDocument {
 public:
  static constexpr double kWidth = 595.28;   // A4 in points
  static constexpr double kHeight = 841.89;

  PdfDocument();
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // Writes `text` (UTF-8) with its top-left corner at (x, y); returns the height it took. `width` wraps.
  double text(double x, double y, const std::string& text, const std::string& font = "DejaVu Sans 10",
              double width = kWidth - 120);
  void line(double x1, double y1, double x2, double y2, double thickness = 0.8);
  void box(double x, double y, double w, double h, double thickness = 1.0);
  void next_page();
  // Closes the document and returns its bytes.
  std::string finish();

 private:
  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
};

}  // namespace sportello
