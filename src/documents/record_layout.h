#pragma once
// The house style shared by the reserved area's documents (estratto conto, CU, cedolino): A4 with font
// sizes in printed points, the institute's name and the document's title at the top of every page, a footer
// with a note and "Pagina N di M", section bands in light grey, and form boxes (a small label above its
// value) laid in rows of equal height, as the institute's printed forms are. Pure drawing helpers.
#include <string>
#include <vector>

#include "documents/page_flow.h"
#include "documents/pdf_page.h"

namespace sportello::record_layout {

constexpr double kPointsPerInch = 72;  // PdfDocument resolution: a font's size is its printed size
constexpr double kLeft = 40;
constexpr double kRight = PdfDocument::kWidth - 40;
constexpr double kWidth = kRight - kLeft;
constexpr double kTop = 64;                           // where content starts on every page
constexpr double kBottom = PdfDocument::kHeight - 54;  // content never goes below

constexpr const char* kInstitute = "Istituto Nazionale della Previdenza Sociale";
constexpr const char* kBandFont = "DejaVu Sans Bold 9";
constexpr const char* kLabelFont = "DejaVu Sans 6.5";
constexpr const char* kValueFont = "DejaVu Sans 9";
constexpr const char* kTableCellFont = "DejaVu Sans 9";
constexpr const char* kTableHeaderFont = "DejaVu Sans Bold 8";

// The header (institute, `title` on the right) and the footer (`note` on the left, "Pagina N di M").
void draw_page_frame(PdfDocument& pdf, const std::string& title, const std::string& note, int page, int pages);

// The document's own title and a line under it, on its first page; returns the height taken.
double title_height(const PdfDocument& pdf, const std::string& title, const std::string& subtitle);
void draw_title(PdfDocument& pdf, double y, const std::string& title, const std::string& subtitle);

// A section's title on a grey band across the page.
double band_height(const PdfDocument& pdf, const std::string& title);
void draw_band(PdfDocument& pdf, double y, const std::string& title);

// One box of a form: a label, a value (wrapped in the box; "" leaves it blank as on a paper form).
struct FieldBox {
  std::string label;
  std::string value;
  double width = 0;
  bool right_aligned = false;  // amounts
};
// The height of a row of boxes: the tallest of them.
double field_row_height(const PdfDocument& pdf, const std::vector<FieldBox>& boxes);
// Draws the boxes side by side from kLeft, all `height` tall.
void draw_field_row(PdfDocument& pdf, double y, const std::vector<FieldBox>& boxes, double height);

// The same blocks laid into a flow: a band `gap` points below what precedes it, kept with what follows; a
// row of boxes, kept with the next block when asked.
void add_band(PageFlow& flow, const PdfDocument& pdf, std::string title, double gap);
void add_boxes(PageFlow& flow, const PdfDocument& pdf, std::vector<FieldBox> boxes, bool keep_with_next = false);

}  // namespace sportello::record_layout
