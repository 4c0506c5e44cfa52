#pragma once
// A small writer of A4 PDF pages over cairo and pango: text at a position in a given font (measured before
// drawing when a layout needs to know), lines, boxes and grey fills, a count of pages; the finished document
// as bytes. Text wraps at word boundaries and breaks a word only when it alone is wider than the column.
// A text laid out recently (measured, then drawn; or repeated down a column) is shaped once, so a document
// of hundreds of table rows renders in tens of milliseconds.
// One use at a time; not thread-safe.
#include <memory>
#include <string>
#include <vector>

typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;
typedef struct _PangoLayout PangoLayout;

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
  // `gray` is the stroke's shade: 0 black (the default), 1 white.
  void line(double x1, double y1, double x2, double y2, double thickness = 0.8, double gray = 0);
  void box(double x, double y, double w, double h, double thickness = 1.0, double gray = 0);
  // A line stroked with the others of its style when the page ends, as one drawing operation: a long
  // table's row separators cost one stroke a page instead of one each. A line of another style strokes the
  // pending ones first.
  void batched_line(double x1, double y1, double x2, double y2, double thickness, double gray);
  // Paints the rectangle in a shade of grey (0 black, 1 white), under whatever is drawn after it.
  void fill(double x, double y, double w, double h, double gray);
  void next_page();
  // Pages begun so far, counting the current one (1 for a new document).
  int page_count() const { return pages_; }
  // Closes the document and returns its bytes.
  std::string finish();

 private:
  struct Fonts;  // the pango context, font descriptions and recent layouts of this document
  struct Segment {
    double x1, y1, x2, y2;
  };
  PangoLayout* new_layout(const std::string& text, const std::string& font, double width) const;
  PangoLayout* layout(const std::string& text, const std::string& font, double width) const;
  void stroke_batch();

  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  double font_resolution_;
  int pages_ = 1;
  std::unique_ptr<Fonts> fonts_;
  std::vector<Segment> batch_;  // batched lines not yet stroked, all of one style
  double batch_thickness_ = 0, batch_gray_ = 0;
};

}  // namespace sportello
