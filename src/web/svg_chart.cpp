#include "web/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sportello::web {
namespace {

// The drawing's own units: the viewBox; the page scales it to its container.
constexpr double kWidth = 480;
constexpr double kHeight = 240;
constexpr double kFontSize = 15;
constexpr double kCharWidth = kFontSize * 0.6;  // a generous average advance for the page's sans-serif
constexpr double kTop = 12;                     // room for the top tick's text
constexpr double kBottom = 30;                  // the labels' row
constexpr double kRight = 8;

// Bootstrap Italia's primary blue (5.6:1 on white), its body text and neutrals.
constexpr const char* kBarColour = "#0066cc";
constexpr const char* kTextColour = "#1a1a1a";
constexpr const char* kAxisColour = "#5c6f82";
constexpr const char* kGridColour = "#d9dadb";

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  std::string out(text);
  if (out.ends_with(".0")) out.resize(out.size() - 2);
  return out == "-0" ? "0" : out;
}

std::string whole_or_decimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// Characters, not bytes: labels are UTF-8 ("gen", "dic", but also "mag" or "août").
std::size_t glyphs(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

double text_width(std::string_view text) { return static_cast<double>(glyphs(text)) * kCharWidth; }

struct Plot {
  double left, right, top, bottom;
  double height() const { return bottom - top; }
};

void draw_axis(std::string& svg, const Plot& plot, const std::vector<double>& ticks,
               const std::function<std::string(double)>& tick_text) {
  const double top_value = ticks.back();
  svg += "<g class=\"chart-axis\" font-size=\"" + number(kFontSize) + "\" fill=\"" + kTextColour + "\" text-anchor=\"end\">";
  for (double tick : ticks) {
    const double y = plot.bottom - tick / top_value * plot.height();
    svg += "<line x1=\"" + number(plot.left) + "\" x2=\"" + number(plot.right) + "\" y1=\"" + number(y) + "\" y2=\"" +
           number(y) + "\" stroke=\"" + (tick == 0 ? kAxisColour : kGridColour) + "\" stroke-width=\"1\"/>";
    svg += "<text x=\"" + number(plot.left - 6) + "\" y=\"" + number(y) + "\" dy=\"0.35em\">" + escape_xml(tick_text(tick)) +
           "</text>";
  }
  svg += "</g>";
}

void draw_bars(std::string& svg, const Plot& plot, const std::vector<ChartBar>& bars, double top_value) {
  const double slot = (plot.right - plot.left) / static_cast<double>(bars.size());
  const double bar_width = std::min(slot * 0.7, 48.0);
  double widest = 0;
  for (const ChartBar& bar : bars) widest = std::max(widest, text_width(bar.label));
  // Every `step`-th label, counted from the newest (last) bar so that one is always named.
  const std::size_t step = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((widest + 4) / slot)));
  svg += "<g class=\"chart-bars\" fill=\"" + std::string(kBarColour) + "\">";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double value = std::max(0.0, bars[i].value);
    const double h = value / top_value * plot.height();
    const double x = plot.left + static_cast<double>(i) * slot + (slot - bar_width) / 2;
    svg += "<rect class=\"chart-bar\" x=\"" + number(x) + "\" y=\"" + number(plot.bottom - h) + "\" width=\"" +
           number(bar_width) + "\" height=\"" + number(h) + "\"><title>" + escape_xml(bars[i].tooltip) + "</title></rect>";
  }
  svg += "</g><g class=\"chart-labels\" font-size=\"" + number(kFontSize) + "\" fill=\"" + kTextColour +
         "\" text-anchor=\"middle\">";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    if ((bars.size() - 1 - i) % step != 0) continue;
    const double centre = plot.left + (static_cast<double>(i) + 0.5) * slot;
    svg += "<text x=\"" + number(centre) + "\" y=\"" + number(plot.bottom + kFontSize + 6) + "\">" +
           escape_xml(bars[i].label) + "</text>";
  }
  svg += "</g>";
}

}  // namespace

std::vector<double> axis_ticks(double max_value, int count) {
  count = std::max(count, 1);
  const double wanted = std::max(max_value, 0.0) / count;
  double step = 1;
  if (wanted > 0) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(wanted)));
    const double fraction = wanted / magnitude;
    step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
  }
  const int steps = std::max(1, static_cast<int>(std::ceil(max_value / step - 1e-9)));
  std::vector<double> ticks;
  for (int i = 0; i <= steps; ++i) ticks.push_back(step * i);
  return ticks;
}

std::string render_bar_chart(const BarChart& chart) {
  double highest = 0;
  for (const ChartBar& bar : chart.bars) highest = std::max(highest, bar.value);
  const std::vector<double> ticks = axis_ticks(highest);
  const auto tick_text = chart.tick_text ? chart.tick_text : whole_or_decimal;
  double widest_tick = 0;
  for (double tick : ticks) widest_tick = std::max(widest_tick, text_width(tick_text(tick)));
  double widest_label = 0;
  for (const ChartBar& bar : chart.bars) widest_label = std::max(widest_label, text_width(bar.label));
  // The newest bar is always labelled, centred under it: room for half that label on the right.
  const Plot plot{widest_tick + 12, kWidth - std::max(kRight, widest_label / 2), kTop, kHeight - kBottom};

  const std::string title_id = chart.id + "-title";
  const std::string desc_id = chart.id + "-desc";
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"" + escape_xml(chart.id) +
                    "\" viewBox=\"0 0 " + number(kWidth) + " " + number(kHeight) + "\" width=\"" + number(kWidth) +
                    "\" height=\"" + number(kHeight) + "\" role=\"img\" aria-labelledby=\"" + escape_xml(title_id) + " " +
                    escape_xml(desc_id) + "\" focusable=\"false\">";
  svg += "<title id=\"" + escape_xml(title_id) + "\">" + escape_xml(chart.title) + "</title>";
  svg += "<desc id=\"" + escape_xml(desc_id) + "\">" + escape_xml(chart.description) + "</desc>";
  draw_axis(svg, plot, ticks, tick_text);
  if (!chart.bars.empty()) draw_bars(svg, plot, chart.bars, ticks.back());
  svg += "</svg>";
  return svg;
}

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace sportello::web
