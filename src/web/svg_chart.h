#pragma once
// A bar chart drawn on the server as inline SVG (issue 10), for pages that must read without JavaScript:
// one bar per value with its label under it (labels thinned out so they never overlap), a value axis of a
// few round ticks, each bar's exact value as its tooltip, and a title and description that name the chart
// to assistive technology (role="img"); the page puts the same numbers in a table right after it. It
// scales with its container (viewBox, width and height only as its aspect ratio). Colours meet WCAG
// contrast on white (bars 3:1 or more, texts 4.5:1 or more). Every text is XML-escaped. Pure; thread-safe.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sportello::web {

struct ChartBar {
  std::string label;    // under the bar: "2019", "mar"
  double value = 0;     // negative values are drawn as 0
  std::string tooltip;  // the exact value in words: "2019: 52 settimane"
};

struct BarChart {
  std::string id;           // unique in the page; the title's and description's ids derive from it
  std::string title;
  std::string description;
  std::vector<ChartBar> bars;
  std::function<std::string(double)> tick_text;  // how the axis writes a tick; whole numbers when empty
};

// Round ticks from 0 that cover `max_value` with at most `count` steps of 1, 2 or 5 times a power of ten
// (52 -> 0 20 40 60; 1234 -> 0 500 1000 1500; 0 -> 0 1). REQUIRES: count >= 1.
std::vector<double> axis_ticks(double max_value, int count = 4);

// The <svg> element of `chart`.
std::string render_bar_chart(const BarChart& chart);

// `text` with & < > " ' replaced by their entities.
std::string escape_xml(std::string_view text);

}  // namespace sportello::web
