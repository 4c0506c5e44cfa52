#pragma once
// Lays blocks of known height top to bottom over as many A4 pages as they need, and draws them only once
// the page count is known, so each page can say "Pagina N di M". A block may be kept with the next one
// (a heading never ends a page alone); a section's heading (a table's header) is repeated at the top of
// every page the section continues on. One use at a time; not thread-safe.
#include <cstddef>
#include <functional>
#include <vector>

#include "documents/pdf_page.h"

namespace sportello {

class PageFlow {
 public:
  using Draw = std::function<void(PdfDocument&, double y)>;
  // Draws what every page carries (header, footer): page is 1-based, of `pages`.
  using Decorate = std::function<void(PdfDocument&, int page, int pages)>;

  // Blocks go between `top` and `bottom` (points from the top of the page) on every page.
  PageFlow(double top, double bottom) : top_(top), bottom_(bottom) {}

  // A block `height` points tall that `draw` paints with its top at y.
  void add(double height, Draw draw, bool keep_with_next = false);
  // Adds a block kept with the next and repeated at the top of each new page until end_section().
  void add_section_heading(double height, Draw draw);
  void end_section() { section_ = kNone; }
  // Adds empty space (dropped at the top of a page).
  void gap(double height);

  // Places the blocks, then draws them page by page into `pdf` (whose current page must be empty);
  // returns the number of pages.
  int render(PdfDocument& pdf, const Decorate& decorate);

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Block {
    double height;
    Draw draw;
    bool keep_with_next;
    bool is_gap;
    std::size_t section;  // index of the heading block repeated on a new page, or kNone
  };
  struct Placed {
    std::size_t block;
    int page;
    double y;
  };

  double room_needed(std::size_t i) const;
  std::vector<Placed> place() const;

  double top_, bottom_;
  std::vector<Block> blocks_;
  std::size_t section_ = kNone;
};

}  // namespace sportello
