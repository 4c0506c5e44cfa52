// PageFlow's placement, observed through the draw calls it makes: blocks fill a page and go on to the next,
// a block kept with the next never ends a page alone, a section's heading is repeated at the top of each
// page the section continues on (and not after it ends), and every page is decorated with the final count.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "documents/page_flow.h"

namespace sportello {
namespace {

struct Drawn {
  std::string name;
  int page;
  double y;
};

class PageFlowTest : public ::testing::Test {
 protected:
  // A flow from y=100 to y=300: 200 points a page.
  PageFlow flow_{100, 300};
  PdfDocument pdf_{72};
  std::vector<Drawn> drawn_;
  std::vector<std::string> decorations_;

  void add(const std::string& name, double height, bool keep_with_next = false) {
    flow_.add(height, recorder(name), keep_with_next);
  }
  PageFlow::Draw recorder(const std::string& name) {
    return [this, name](PdfDocument& pdf, double y) { drawn_.push_back({name, pdf.page_count(), y}); };
  }
  int render() {
    return flow_.render(pdf_, [this](PdfDocument&, int page, int pages) {
      decorations_.push_back(std::to_string(page) + "/" + std::to_string(pages));
    });
  }
  const Drawn& find(const std::string& name, int nth = 0) {
    for (const Drawn& d : drawn_)
      if (d.name == name && nth-- == 0) return d;
    ADD_FAILURE() << name << " not drawn";
    return drawn_.front();
  }
};

TEST_F(PageFlowTest, BlocksThatDoNotFitGoToTheNextPageAndEveryPageKnowsTheCount) {
  for (int i = 0; i < 5; ++i) add("b" + std::to_string(i), 60);  // three fit on a page of 200
  EXPECT_EQ(render(), 2);
  EXPECT_EQ(find("b2").page, 1);
  EXPECT_DOUBLE_EQ(find("b2").y, 220);
  EXPECT_EQ(find("b3").page, 2);
  EXPECT_DOUBLE_EQ(find("b3").y, 100);
  EXPECT_EQ(pdf_.page_count(), 2);
  EXPECT_EQ(decorations_, (std::vector<std::string>{"1/2", "2/2"}));
}

TEST_F(PageFlowTest, ABlockKeptWithTheNextMovesWithItRatherThanEndAPage) {
  add("filler", 150);
  add("heading", 20, true);
  add("row", 40);
  render();
  EXPECT_EQ(find("heading").page, 2);
  EXPECT_EQ(find("row").page, 2);
  EXPECT_DOUBLE_EQ(find("heading").y, 100);
}

TEST_F(PageFlowTest, ASectionHeadingIsRepeatedOnEachPageTheSectionContinuesOnAndNotAfter) {
  flow_.add_section_heading(30, recorder("header"));
  for (int i = 0; i < 12; ++i) add("row", 40);  // 30 + 4 rows on page 1, header + 4 rows on the next ones
  flow_.end_section();
  add("after", 150);
  EXPECT_EQ(render(), 4);
  EXPECT_EQ(find("header", 0).page, 1);
  EXPECT_EQ(find("header", 1).page, 2);
  EXPECT_DOUBLE_EQ(find("header", 1).y, 100);
  EXPECT_DOUBLE_EQ(find("row", 4).y, 130);
  EXPECT_EQ(find("header", 2).page, 3);
  EXPECT_EQ(find("after").page, 4);
  EXPECT_DOUBLE_EQ(find("after").y, 100) << "the page after the section starts without its header";
}

TEST_F(PageFlowTest, AGapIsDroppedAtTheTopOfAPage) {
  add("first", 190);
  flow_.gap(50);
  add("second", 20);
  render();
  EXPECT_EQ(find("second").page, 2);
  EXPECT_DOUBLE_EQ(find("second").y, 100);
}

TEST_F(PageFlowTest, AnEmptyFlowIsOneDecoratedPage) {
  EXPECT_EQ(render(), 1);
  EXPECT_EQ(decorations_, (std::vector<std::string>{"1/1"}));
}

}  // namespace
}  // namespace sportello
