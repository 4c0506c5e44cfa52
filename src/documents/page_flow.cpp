#include "documents/page_flow.h"

namespace sportello {

void PageFlow::add(double height, Draw draw, bool keep_with_next) {
  blocks_.push_back({height, std::move(draw), keep_with_next, false, section_});
}

void PageFlow::add_section_heading(double height, Draw draw) {
  section_ = kNone;
  add(height, std::move(draw), true);
  section_ = blocks_.size() - 1;
}

void PageFlow::gap(double height) { blocks_.push_back({height, nullptr, false, true, section_}); }

// The height block `i` needs on the current page: itself and, while blocks are kept with the next, those
// that follow it.
double PageFlow::room_needed(std::size_t i) const {
  double height = blocks_[i].height;
  while (blocks_[i].keep_with_next && i + 1 < blocks_.size()) height += blocks_[++i].height;
  return height;
}

std::vector<PageFlow::Placed> PageFlow::place() const {
  std::vector<Placed> placed;
  placed.reserve(blocks_.size() + 16);
  int page = 0;
  double y = top_;
  double page_start = top_;  // where the first block of the page's own content goes
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const Block& block = blocks_[i];
    if (block.is_gap) {
      if (y > page_start) y += block.height;
      continue;
    }
    if (y + room_needed(i) > bottom_ && y > page_start) {
      ++page;
      y = top_;
      // A section's own heading starts its first page; others continue under a repeat of it.
      if (block.section != kNone && block.section != i) {
        placed.push_back({block.section, page, y});
        y += blocks_[block.section].height;
      }
      page_start = y;
    }
    placed.push_back({i, page, y});
    y += block.height;
  }
  return placed;
}

int PageFlow::render(PdfDocument& pdf, const Decorate& decorate) {
  const std::vector<Placed> placed = place();
  const int pages = placed.empty() ? 1 : placed.back().page + 1;
  std::size_t next = 0;
  for (int page = 0; page < pages; ++page) {
    if (page > 0) pdf.next_page();
    decorate(pdf, page + 1, pages);
    for (; next < placed.size() && placed[next].page == page; ++next)
      blocks_[placed[next].block].draw(pdf, placed[next].y);
  }
  return pages;
}

}  // namespace sportello
