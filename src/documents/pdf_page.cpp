#include "documents/pdf_page.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <unordered_map>

namespace sportello {

// One pango context for the whole document (a new one per text would redo the font set-up each time: a long
// table pays that thousands of times), each font description parsed once, and the layouts of recent texts:
// a text measured before it is drawn, or repeated down a table's column, is shaped once.
struct PdfDocument::Fonts {
  static constexpr std::size_t kMostLayouts = 2048;

  PangoContext* context = nullptr;
  std::unordered_map<std::string, PangoFontDescription*> descriptions;
  std::unordered_map<std::string, PangoLayout*> layouts;  // by font, width and text

  Fonts(cairo_t* cr, double resolution) : context(pango_cairo_create_context(cr)) {
    pango_cairo_context_set_resolution(context, resolution);
    // Glyphs at their exact advances: rounding to whole points (pango's default, meant for screens) spaces
    // small print unevenly on paper.
    pango_context_set_round_glyph_positions(context, FALSE);
  }
  ~Fonts() {
    forget_layouts();
    for (auto& [name, description] : descriptions) pango_font_description_free(description);
    g_object_unref(context);
  }
  void forget_layouts() {
    for (auto& [key, layout] : layouts) g_object_unref(layout);
    layouts.clear();
  }
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;

  const PangoFontDescription* description(const std::string& font) {
    auto [it, added] = descriptions.try_emplace(font, nullptr);
    if (added) it->second = pango_font_description_from_string(font.c_str());
    return it->second;
  }
};

namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
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
  fonts_ = std::make_unique<Fonts>(cr_, font_resolution_);
}

PdfDocument::~PdfDocument() {
  fonts_.reset();
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

// A new layout of `text` in `font`, wrapped at `width` points (unwrapped when width < 0). The caller unrefs it.
PangoLayout* PdfDocument::new_layout(const std::string& text, const std::string& font, double width) const {
  PangoLayout* layout = pango_layout_new(fonts_->context);
  pango_layout_set_font_description(layout, fonts_->description(font));
  if (width >= 0) {
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_text(layout, text.c_str(), -1);
  return layout;
}

// The same as new_layout(), from the cache when the text was laid out recently. The caller unrefs it.
PangoLayout* PdfDocument::layout(const std::string& text, const std::string& font, double width) const {
  std::string key = font;
  key += '\x1f';
  key += std::to_string(width < 0 ? -1 : static_cast<long>(width * PANGO_SCALE));
  key += '\x1f';
  key += text;
  if (auto it = fonts_->layouts.find(key); it != fonts_->layouts.end()) return PANGO_LAYOUT(g_object_ref(it->second));
  if (fonts_->layouts.size() >= Fonts::kMostLayouts) fonts_->forget_layouts();
  PangoLayout* layout = new_layout(text, font, width);
  fonts_->layouts.emplace(std::move(key), PANGO_LAYOUT(g_object_ref(layout)));
  return layout;
}

double PdfDocument::text(double x, double y, const std::string& text, const std::string& font, double width) {
  PangoLayout* layout = this->layout(text, font, width);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout);
  double height = height_of(layout);
  g_object_unref(layout);
  return height;
}

double PdfDocument::text_right(double right, double y, const std::string& text, const std::string& font) {
  PangoLayout* layout = this->layout(text, font, -1);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  cairo_move_to(cr_, right - static_cast<double>(w) / PANGO_SCALE, y);
  pango_cairo_show_layout(cr_, layout);
  g_object_unref(layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

double PdfDocument::text_height(const std::string& text, const std::string& font, double width) const {
  PangoLayout* layout = this->layout(text, font, width);
  double height = height_of(layout);
  g_object_unref(layout);
  return height;
}

void PdfDocument::line(double x1, double y1, double x2, double y2, double thickness, double gray) {
  cairo_set_line_width(cr_, thickness);
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_move_to(cr_, x1, y1);
  cairo_line_to(cr_, x2, y2);
  cairo_stroke(cr_);
  cairo_set_source_rgb(cr_, 0, 0, 0);
}

void PdfDocument::box(double x, double y, double w, double h, double thickness, double gray) {
  cairo_set_line_width(cr_, thickness);
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_stroke(cr_);
  cairo_set_source_rgb(cr_, 0, 0, 0);
}

void PdfDocument::batched_line(double x1, double y1, double x2, double y2, double thickness, double gray) {
  if (!batch_.empty() && (thickness != batch_thickness_ || gray != batch_gray_)) stroke_batch();
  batch_thickness_ = thickness;
  batch_gray_ = gray;
  batch_.push_back({x1, y1, x2, y2});
}

void PdfDocument::stroke_batch() {
  if (batch_.empty()) return;
  cairo_new_path(cr_);  // whatever path a text left behind is not part of the batch
  for (const auto& [x1, y1, x2, y2] : batch_) {
    cairo_move_to(cr_, x1, y1);
    cairo_line_to(cr_, x2, y2);
  }
  cairo_set_line_width(cr_, batch_thickness_);
  cairo_set_source_rgb(cr_, batch_gray_, batch_gray_, batch_gray_);
  cairo_stroke(cr_);
  cairo_set_source_rgb(cr_, 0, 0, 0);
  batch_.clear();
}

void PdfDocument::fill(double x, double y, double w, double h, double gray) {
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_fill(cr_);
  cairo_set_source_rgb(cr_, 0, 0, 0);
}

void PdfDocument::next_page() {
  stroke_batch();
  cairo_show_page(cr_);
  ++pages_;
}

std::string PdfDocument::finish() {
  stroke_batch();
  fonts_.reset();
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  return std::move(bytes_);
}

}  // namespace sportello
