#include "documents/pdf_page.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

namespace sportello {
namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A layout of `text` in `font` at `resolution` dpi, wrapped at `width` points (unwrapped when width < 0).
// The caller unrefs it.
PangoLayout* wrapped_layout(cairo_t* cr, double resolution, const std::string& text, const std::string& font,
                            double width) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  pango_cairo_context_set_resolution(pango_layout_get_context(layout), resolution);
  pango_layout_context_changed(layout);
  PangoFontDescription* description = pango_font_description_from_string(font.c_str());
  pango_layout_set_font_description(layout, description);
  pango_font_description_free(description);
  if (width >= 0) {
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_text(layout, text.c_str(), -1);
  return layout;
}

double height_of(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

}  // namespace

PdfDocument::PdfDocument(double font_resolution) : font_resolution_(font_resolution) {
  surface_ = cairo_pdf_surface_create_for_stream(append_bytes, &bytes_, kWidth, kHeight);
  cr_ = cairo_create(surface_);
  cairo_set_source_rgb(cr_, 0, 0, 0);
}

PdfDocument::~PdfDocument() {
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

double PdfDocument::text(double x, double y, const std::string& text, const std::string& font, double width) {
  PangoLayout* layout = wrapped_layout(cr_, font_resolution_, text, font, width);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout);
  double height = height_of(layout);
  g_object_unref(layout);
  return height;
}

double PdfDocument::text_right(double right, double y, const std::string& text, const std::string& font) {
  PangoLayout* layout = wrapped_layout(cr_, font_resolution_, text, font, -1);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  cairo_move_to(cr_, right - static_cast<double>(w) / PANGO_SCALE, y);
  pango_cairo_show_layout(cr_, layout);
  g_object_unref(layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

double PdfDocument::text_height(const std::string& text, const std::string& font, double width) const {
  PangoLayout* layout = wrapped_layout(cr_, font_resolution_, text, font, width);
  double height = height_of(layout);
  g_object_unref(layout);
  return height;
}

void PdfDocument::line(double x1, double y1, double x2, double y2, double thickness) {
  cairo_set_line_width(cr_, thickness);
  cairo_move_to(cr_, x1, y1);
  cairo_line_to(cr_, x2, y2);
  cairo_stroke(cr_);
}

void PdfDocument::box(double x, double y, double w, double h, double thickness) {
  cairo_set_line_width(cr_, thickness);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_stroke(cr_);
}

void PdfDocument::next_page() {
  cairo_show_page(cr_);
  ++pages_;
}

std::string PdfDocument::finish() {
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  return std::move(bytes_);
}

}  // namespace sportello
