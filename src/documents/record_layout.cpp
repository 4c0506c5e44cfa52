#include "documents/record_layout.h"

#include <algorithm>

namespace sportello::record_layout {
namespace {

constexpr double kBoxPadding = 3;
constexpr double kLabelGap = 1.5;
constexpr double kBandPadding = 3;

}  // namespace

void draw_page_frame(PdfDocument& pdf, const std::string& title, const std::string& note, int page, int pages) {
  pdf.text(kLeft, 26, kInstitute, "DejaVu Sans Bold 11", kWidth);
  pdf.text_right(kRight, 29, title, "DejaVu Sans 8");
  pdf.line(kLeft, 46, kRight, 46, 1.2);
  const double footer_y = PdfDocument::kHeight - 42;
  pdf.line(kLeft, footer_y - 4, kRight, footer_y - 4, 0.4, 0.4);
  pdf.text(kLeft, footer_y, note, "DejaVu Sans 7", kWidth - 90);
  pdf.text_right(kRight, footer_y, "Pagina " + std::to_string(page) + " di " + std::to_string(pages),
                 "DejaVu Sans 7");
}

double title_height(const PdfDocument& pdf, const std::string& title, const std::string& subtitle) {
  double height = pdf.text_height(title, "DejaVu Sans Bold 15", kWidth) + 2;
  if (!subtitle.empty()) height += pdf.text_height(subtitle, "DejaVu Sans 8.5", kWidth);
  return height + 10;
}

void draw_title(PdfDocument& pdf, double y, const std::string& title, const std::string& subtitle) {
  y += pdf.text(kLeft, y, title, "DejaVu Sans Bold 15", kWidth) + 2;
  if (!subtitle.empty()) pdf.text(kLeft, y, subtitle, "DejaVu Sans 8.5", kWidth);
}

double band_height(const PdfDocument& pdf, const std::string& title) {
  return pdf.text_height(title, kBandFont, kWidth - 2 * kBandPadding) + 2 * kBandPadding;
}

void draw_band(PdfDocument& pdf, double y, const std::string& title) {
  const double height = band_height(pdf, title);
  pdf.fill(kLeft, y, kWidth, height, 0.82);
  pdf.fill(kLeft, y, 3, height, 0.2);
  pdf.text(kLeft + 3 + kBandPadding, y + kBandPadding, title, kBandFont, kWidth - 2 * kBandPadding - 3);
}

double field_row_height(const PdfDocument& pdf, const std::vector<FieldBox>& boxes) {
  double tallest = 0;
  for (const FieldBox& box : boxes) {
    const double inner = box.width - 2 * kBoxPadding;
    const double label = pdf.text_height(box.label, kLabelFont, inner);
    const double value = pdf.text_height(box.value.empty() ? " " : box.value, kValueFont, inner);
    tallest = std::max(tallest, label + kLabelGap + value);
  }
  return tallest + 2 * kBoxPadding;
}

void draw_field_row(PdfDocument& pdf, double y, const std::vector<FieldBox>& boxes, double height) {
  double x = kLeft;
  for (const FieldBox& box : boxes) {
    const double inner = box.width - 2 * kBoxPadding;
    pdf.box(x, y, box.width, height, 0.5, 0.35);
    const double label = pdf.text(x + kBoxPadding, y + kBoxPadding, box.label, kLabelFont, inner);
    if (box.right_aligned)
      pdf.text_right(x + box.width - kBoxPadding, y + height - kBoxPadding - pdf.text_height("0", kValueFont, -1),
                     box.value, kValueFont);
    else
      pdf.text(x + kBoxPadding, y + kBoxPadding + label + kLabelGap, box.value, kValueFont, inner);
    x += box.width;
  }
}

void add_band(PageFlow& flow, const PdfDocument& pdf, std::string title, double gap) {
  flow.gap(gap);
  const double height = band_height(pdf, title);
  flow.add(height, [title = std::move(title)](PdfDocument& p, double y) { draw_band(p, y, title); }, true);
}

void add_boxes(PageFlow& flow, const PdfDocument& pdf, std::vector<FieldBox> boxes, bool keep_with_next) {
  const double height = field_row_height(pdf, boxes);
  flow.add(height, [boxes = std::move(boxes), height](PdfDocument& p, double y) { draw_field_row(p, y, boxes, height); },
           keep_with_next);
}

}  // namespace sportello::record_layout
