// Issue 10: the reserved area's charts are drawn on the server as SVG that reads without JavaScript, names
// itself to assistive technology, escapes every text and scales with the page.
#include <gtest/gtest.h>

#include <regex>

#include "web/svg_chart.h"

namespace sportello::web {
namespace {

std::vector<std::string> all(const std::string& text, const std::string& pattern) {
  std::vector<std::string> found;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    found.push_back((*it)[1].str());
  return found;
}

std::vector<double> bar_heights(const std::string& svg) {
  std::vector<double> heights;
  for (const std::string& h : all(svg, R"re(<rect class="chart-bar"[^>]* height="([\d.]+)")re")) heights.push_back(std::stod(h));
  return heights;
}

std::vector<std::string> bar_labels(const std::string& svg) {
  const std::size_t start = svg.find("<g class=\"chart-labels\"");
  if (start == std::string::npos) return {};
  return all(svg.substr(start), R"(<text[^>]*>([^<]*)</text>)");
}

BarChart years_chart(int first, int count, double value = 52) {
  BarChart chart{"weeks", "Settimane per anno", "Una barra per anno.", {}, {}};
  for (int year = first; year < first + count; ++year)
    chart.bars.push_back({std::to_string(year), value, std::to_string(year) + ": 52 settimane"});
  return chart;
}

struct TicksCase {
  double max_value;
  std::vector<double> expected;
};

TEST(AxisTicks, AreRoundStepsFromZeroThatCoverTheHighestValue) {
  const TicksCase cases[] = {
      {52, {0, 20, 40, 60}},
      {1234, {0, 500, 1000, 1500}},
      {100, {0, 50, 100}},
      {3, {0, 1, 2, 3}},
      {1, {0, 0.5, 1}},
      {0, {0, 1}},
      {-5, {0, 1}},
      {1850.75, {0, 500, 1000, 1500, 2000}},
  };
  for (const TicksCase& c : cases) EXPECT_EQ(axis_ticks(c.max_value), c.expected) << c.max_value;
}

TEST(BarChartSvg, NamesItselfWithItsTitleAndDescription) {
  const std::string svg = render_bar_chart(years_chart(2020, 3));
  EXPECT_TRUE(svg.starts_with("<svg ")) << svg;
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_NE(svg.find(R"(role="img")"), std::string::npos);
  EXPECT_NE(svg.find(R"(aria-labelledby="weeks-title weeks-desc")"), std::string::npos);
  EXPECT_NE(svg.find(R"(<title id="weeks-title">Settimane per anno</title>)"), std::string::npos);
  EXPECT_NE(svg.find(R"(<desc id="weeks-desc">Una barra per anno.</desc>)"), std::string::npos);
}

TEST(BarChartSvg, ScalesWithItsContainerThroughTheViewBox) {
  const std::string svg = render_bar_chart(years_chart(2020, 3));
  EXPECT_EQ(all(svg, R"re(viewBox="([^"]+)")re"), std::vector<std::string>{"0 0 480 240"});
  EXPECT_NE(svg.find(R"(class="chart")"), std::string::npos) << "the page's CSS sizes it to 100% of its column";
}

TEST(BarChartSvg, EscapesEveryTextItWrites) {
  BarChart chart{"x\"y", "A & B <script>", "It's \"quoted\"", {{"<b>", 1, "1 & 2 <i>"}}, {}};
  chart.tick_text = [](double) { return std::string("<t>"); };
  const std::string svg = render_bar_chart(chart);
  for (const char* raw : {"<script>", "<b>", "<i>", "<t>", "A & B", "It's", "x\"y"}) EXPECT_EQ(svg.find(raw), std::string::npos) << raw;
  for (const char* escaped : {"A &amp; B &lt;script&gt;", "It&#39;s &quot;quoted&quot;", "&lt;b&gt;", "1 &amp; 2 &lt;i&gt;",
                              "&lt;t&gt;", "id=\"x&quot;y\""})
    EXPECT_NE(svg.find(escaped), std::string::npos) << escaped;
}

TEST(BarChartSvg, BarHeightsAreProportionalToTheirValues) {
  BarChart chart = years_chart(2020, 0);
  chart.bars = {{"2020", 52, ""}, {"2021", 26, ""}, {"2022", 0, ""}, {"2023", -4, ""}};
  const std::vector<double> heights = bar_heights(render_bar_chart(chart));
  ASSERT_EQ(heights.size(), 4u);
  EXPECT_NEAR(heights[0] / heights[1], 2.0, 0.02);
  EXPECT_EQ(heights[2], 0);
  EXPECT_EQ(heights[3], 0) << "a negative value is drawn as nothing";
  EXPECT_NEAR(heights[0], 52.0 / 60.0 * 198.0, 0.1) << "the axis goes to 60, the plot is 198 units tall";
}

TEST(BarChartSvg, EachBarCarriesItsExactValueAsTooltip) {
  const std::string svg = render_bar_chart(years_chart(2020, 2));
  EXPECT_EQ(all(svg, R"(<rect[^>]*><title>([^<]*)</title>)"),
            (std::vector<std::string>{"2020: 52 settimane", "2021: 52 settimane"}));
}

struct LabelsCase {
  int bars;
  std::size_t labels_at_most;
  std::size_t labels_at_least;
};

TEST(BarChartSvg, LabelsThinOutNeverOverlapAndTheNewestIsAlwaysNamedInsideTheDrawing) {
  const LabelsCase cases[] = {{3, 3, 3}, {8, 8, 8}, {25, 13, 6}, {45, 12, 6}};
  for (const LabelsCase& c : cases) {
    const std::string svg = render_bar_chart(years_chart(1980, c.bars));
    const std::vector<std::string> labels = bar_labels(svg);
    EXPECT_LE(labels.size(), c.labels_at_most) << c.bars;
    EXPECT_GE(labels.size(), c.labels_at_least) << c.bars;
    ASSERT_FALSE(labels.empty());
    EXPECT_EQ(labels.back(), std::to_string(1980 + c.bars - 1)) << c.bars;
    // Centres of neighbouring labels are at least a label's width apart (4 digits of 9 units).
    const auto xs = all(svg.substr(svg.find("chart-labels")), R"re(<text x="([\d.]+)")re");
    for (std::size_t i = 1; i < xs.size(); ++i) EXPECT_GE(std::stod(xs[i]) - std::stod(xs[i - 1]), 4 * 9.0) << c.bars;
    EXPECT_LE(std::stod(xs.back()) + 4 * 9.0 / 2, 480) << "the newest label is not cut by the right edge";
  }
}

TEST(BarChartSvg, TicksAreWrittenByTheGivenWriter) {
  BarChart chart = years_chart(2020, 0);
  chart.bars = {{"gen", 1234.56, ""}};
  chart.tick_text = [](double value) { return std::to_string(static_cast<long>(value)) + " €"; };
  const std::string svg = render_bar_chart(chart);
  for (const char* tick : {">0 €<", ">500 €<", ">1000 €<", ">1500 €<"}) EXPECT_NE(svg.find(tick), std::string::npos) << tick;
}

TEST(BarChartSvg, WithoutBarsStillDrawsItsAxisAndName) {
  const std::string svg = render_bar_chart(years_chart(2020, 0));
  EXPECT_EQ(svg.find("<rect"), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"weeks-title\">"), std::string::npos);
  EXPECT_NE(svg.find(">0</text>"), std::string::npos);
}

TEST(BarChartSvg, UsesColoursThatMeetContrastOnWhite) {
  const std::string svg = render_bar_chart(years_chart(2020, 2));
  EXPECT_NE(svg.find(R"(fill="#0066cc")"), std::string::npos) << "bars: 5.6:1, above 3:1 for graphics";
  EXPECT_NE(svg.find(R"(fill="#1a1a1a")"), std::string::npos) << "texts: 17:1, above 4.5:1";
}

}  // namespace
}  // namespace sportello::web
