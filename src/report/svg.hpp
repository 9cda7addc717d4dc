#pragma once
// Inline SVG charts of the HTML report, written directly (no script needed to show them).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "servicechain/bundled.hpp"

namespace servicechain::report_detail {

/// Text safe inside HTML/SVG element content and double-quoted attributes.
std::string escape(std::string_view text);
/// `value` with `digits` decimals ("-0.00" printed as "0.00").
std::string fixed(double value, int digits);
/// Estimated width in px of `text` in the charts' sans-serif at `font_px`.
double text_width(std::string_view text, double font_px);
/// `text` cut to fit `max_px` at `font_px`, keeping its start and marking the cut
/// with an ellipsis (a label is recognised by its beginning).
std::string fit_text(std::string_view text, double max_px, double font_px);
/// The DOT export's colour scale as #rrggbb: red at q <= 0.5, yellow 0.75, green 1.
std::string quality_colour(double q);

struct Bar {
  std::string label;
  double value = 0;
  std::string value_text;
  std::string colour;
  std::string tooltip;
};
/// One horizontal bar per row, labels on the left, a zero line when values have both signs.
std::string horizontal_bar_chart(const std::vector<Bar> &bars, std::string_view axis_title, Language language = Language::en);

struct BarGroup {
  std::string label;
  std::vector<double> values;  ///< one per series
};
/// Vertical bars grouped by category, one colour per series, zero line and y grid.
std::string grouped_bar_chart(const std::vector<BarGroup> &groups, const std::vector<std::string> &series,
                              const std::vector<std::string> &colours, std::string_view y_title, Language language = Language::en);

struct GanttRow {
  std::string label, tooltip;
  double start = 0, finish = 0, latest_finish = 0;
  bool critical = false, selected = true;
};
std::string gantt_chart(const std::vector<GanttRow> &rows, double duration, std::string_view axis_title, Language language = Language::en);

struct ScatterPoint {
  std::string label, tooltip, colour;
  double x = 0, y = 0;
};
/// Scatter with cross-hairs at (x_cross, y_cross) splitting it into four labelled
/// quadrants (top-left, top-right, bottom-left, bottom-right) on [lo, hi] axes.
std::string quadrant_scatter(const std::vector<ScatterPoint> &points, double lo, double hi, double x_cross, double y_cross,
                             std::string_view x_title, std::string_view y_title, const std::string (&quadrants)[4],
                             Language language = Language::en);

struct TrendPoint {
  double day = 0;  ///< days after the first wave: the point's place on the time axis
  std::string label;  ///< the wave's date as shown under the axis
  std::optional<double> value, low, high;  ///< the wave's value and its 95% interval (each may be absent)
  std::string tooltip;
};
/// A small line chart of one measure over dated waves: each wave's 95% interval as a
/// whisker inside a shaded band, the values joined by a line, a zero line when the
/// axis crosses 0; `decimals` of the values' own labels.
std::string trend_chart(const std::vector<TrendPoint> &points, std::string_view title, Language language = Language::en);

}  // namespace servicechain::report_detail
