#include "svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>

#include "servicechain/text/messages.hpp"

namespace servicechain::report_detail {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(ch);
    }
  }
  return out;
}

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  std::string s = buffer;
  if (s.find_first_not_of("-0.") == std::string::npos && s.front() == '-') s.erase(0, 1);
  return s;
}

namespace {

// Advance width of a character in em, from DejaVu Sans (what "system-ui" and
// "sans-serif" are on many Linux desktops), the widest of the common sans-serif
// fonts: an estimate from it is at least as wide as Arial or Helvetica would draw.
double char_em(char32_t c) {
  static constexpr double lower[26] = {0.613, 0.635, 0.550, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974,
                                       0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525};
  static constexpr double upper[26] = {0.684, 0.686, 0.698, 0.770, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863,
                                       0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685};
  if (c >= 'a' && c <= 'z') return lower[c - 'a'];
  if (c >= 'A' && c <= 'Z') return upper[c - 'A'];
  if (c >= '0' && c <= '9') return 0.636;
  if (c == ' ' || c == '.' || c == ',' || c == ':' || c == ';' || c == '\'' || c == '|' || c == '!') return 0.318;
  if (c == '(' || c == ')' || c == '[' || c == ']' || c == '-') return 0.390;
  if (c >= 0x80) return 0.70;  // accented letters and other scripts: a wide guess
  return 0.70;
}

}  // namespace

double text_width(std::string_view text, double font_px) {
  double em = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: counted with its lead byte
    em += char_em(byte < 0x80 ? byte : 0x80);
  }
  return em * font_px;
}

std::string fit_text(std::string_view text, double max_px, double font_px) {
  if (text_width(text, font_px) <= max_px) return std::string(text);
  const double ellipsis = 0.9 * font_px;
  double used = 0;
  std::size_t cut = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t next = i + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    const double w = text_width(text.substr(i, next - i), font_px);
    if (used + w + ellipsis > max_px) break;
    used += w;
    cut = i = next;
  }
  return std::string(text.substr(0, cut)) + "\u2026";
}

std::string quality_colour(double q) {
  // HSV (h, 0.55, 0.95) as the DOT export writes it, h from 0 (red) to 1/3 (green).
  const double share = std::clamp((q - 0.5) / 0.5, 0.0, 1.0);
  const double h = share * 2.0, s = 0.55, v = 0.95;  // h in sextants: 0..2
  const double chroma = v * s, x = chroma * (1 - std::fabs(std::fmod(h, 2.0) - 1)), m = v - chroma;
  double r = chroma, g = x;
  if (h >= 1) r = x, g = chroma;
  char buffer[8];
  auto byte = [](double c) { return static_cast<int>(std::lround(c * 255)); };
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", byte(r + m), byte(g + m), byte(m));
  return buffer;
}

namespace {

constexpr const char *font = "font-family=\"system-ui,Helvetica,Arial,sans-serif\"";

// A tick step of 1, 2 or 5 times a power of ten giving at most `max_ticks` ticks over `span`.
double tick_step(double span, int max_ticks) {
  if (!(span > 0)) return 1;
  double raw = span / max_ticks, power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

int decimals_for(double step) { return step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9)); }

std::string svg_open(double width, double height, std::string_view label) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" + escape(label) + "\" width=\"" + fixed(width, 0) +
         "\" height=\"" + fixed(height, 0) + "\" viewBox=\"0 0 " + fixed(width, 0) + " " + fixed(height, 0) + "\" " + font +
         " font-size=\"12\">";
}

std::string text(double x, double y, std::string_view content, std::string_view anchor = "start", std::string_view extra = "") {
  return "<text x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\" text-anchor=\"" + std::string(anchor) + "\"" +
         (extra.empty() ? "" : " " + std::string(extra)) + ">" + escape(content) + "</text>";
}

std::string line(double x1, double y1, double x2, double y2, std::string_view stroke, std::string_view extra = "") {
  return "<line x1=\"" + fixed(x1, 1) + "\" y1=\"" + fixed(y1, 1) + "\" x2=\"" + fixed(x2, 1) + "\" y2=\"" + fixed(y2, 1) +
         "\" stroke=\"" + std::string(stroke) + "\"" + (extra.empty() ? "" : " " + std::string(extra)) + "/>";
}

std::string rect(double x, double y, double w, double h, std::string_view fill, std::string_view extra = "") {
  return "<rect x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\" width=\"" + fixed(std::max(w, 0.0), 1) + "\" height=\"" +
         fixed(std::max(h, 0.0), 1) + "\" fill=\"" + std::string(fill) + "\"" + (extra.empty() ? "" : " " + std::string(extra)) + "/>";
}

std::string tooltip(std::string_view content) { return content.empty() ? "" : "<title>" + escape(content) + "</title>"; }

}  // namespace

std::string horizontal_bar_chart(const std::vector<Bar> &bars, std::string_view axis_title, Language language) {
  const double label_width = 230, plot_width = 440, value_width = 70, row = 22, top = 10, bottom = 40;
  const double width = label_width + plot_width + value_width, height = top + row * static_cast<double>(bars.size()) + bottom;
  double lo = 0, hi = 0;
  for (const auto &b : bars) lo = std::min(lo, b.value), hi = std::max(hi, b.value);
  if (hi == lo) hi = lo + 1;
  const double step = tick_step(hi - lo, 6);
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  auto x_of = [&](double v) { return label_width + (v - lo) / (hi - lo) * plot_width; };
  std::string out = svg_open(width, height, axis_title);
  const double plot_bottom = top + row * static_cast<double>(bars.size());
  for (double t = lo; t <= hi + step * 1e-6; t += step) {
    out += line(x_of(t), top, x_of(t), plot_bottom, "#ddd");
    out += text(x_of(t), plot_bottom + 14, text::format_number(t, decimals_for(step), language), "middle", "fill=\"#555\"");
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto &b = bars[i];
    const double y = top + row * static_cast<double>(i);
    const double x0 = x_of(std::min(0.0, b.value)), x1 = x_of(std::max(0.0, b.value));
    out += "<g>" + tooltip(b.tooltip);
    out += text(label_width - 8, y + row * 0.68, fit_text(b.label, label_width - 12, 12), "end");
    out += rect(x0, y + 3, std::max(x1 - x0, 1.0), row - 6, b.colour.empty() ? "#4682b4" : b.colour, "stroke=\"#666\" stroke-width=\"0.5\"");
    out += text(x_of(hi) + 6, y + row * 0.68, b.value_text, "start", "fill=\"#333\"");
    out += "</g>";
  }
  out += line(x_of(0), top, x_of(0), plot_bottom, "#333");
  out += text(label_width + plot_width / 2, height - 6, axis_title, "middle", "fill=\"#333\"");
  out += "</svg>";
  return out;
}

std::string grouped_bar_chart(const std::vector<BarGroup> &groups, const std::vector<std::string> &series,
                              const std::vector<std::string> &colours, std::string_view y_title, Language language) {
  const double left = 60, right = 20, top = 30, bottom = 50, plot_height = 260;
  const double group_width = std::max(90.0, 24.0 * static_cast<double>(series.size()) + 30);
  const double width = left + right + group_width * static_cast<double>(groups.size()), height = top + plot_height + bottom;
  double lo = 0, hi = 0;
  for (const auto &g : groups)
    for (double v : g.values) lo = std::min(lo, v), hi = std::max(hi, v);
  if (hi == lo) hi = lo + 1;
  const double step = tick_step(hi - lo, 6);
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  auto y_of = [&](double v) { return top + (hi - v) / (hi - lo) * plot_height; };
  std::string out = svg_open(width, height, y_title);
  for (double t = lo; t <= hi + step * 1e-6; t += step) {
    out += line(left, y_of(t), width - right, y_of(t), "#ddd");
    out += text(left - 6, y_of(t) + 4, text::format_number(t, decimals_for(step), language), "end", "fill=\"#555\"");
  }
  const double bar_width = (group_width - 30) / static_cast<double>(std::max<std::size_t>(series.size(), 1));
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const double x = left + group_width * static_cast<double>(g) + 15;
    for (std::size_t s = 0; s < groups[g].values.size() && s < series.size(); ++s) {
      const double v = groups[g].values[s];
      const double y0 = y_of(std::max(0.0, v)), y1 = y_of(std::min(0.0, v));
      out += "<g>" + tooltip(groups[g].label + ", " + series[s] + ": " + text::format_number(v, 2, language));
      out += rect(x + bar_width * static_cast<double>(s), y0, bar_width - 2, std::max(y1 - y0, 1.0), colours[s % colours.size()]);
      out += "</g>";
    }
    out += text(x + (group_width - 30) / 2, top + plot_height + 16, fit_text(groups[g].label, group_width - 6, 12), "middle");
  }
  out += line(left, y_of(0), width - right, y_of(0), "#333");
  // Legend along the top.
  double lx = left;
  for (std::size_t s = 0; s < series.size(); ++s) {
    out += rect(lx, 8, 12, 12, colours[s % colours.size()]);
    out += text(lx + 16, 18, series[s]);
    lx += 30 + 7.0 * static_cast<double>(series[s].size());
  }
  out += text(14, top + plot_height / 2, y_title, "middle", "transform=\"rotate(-90 14 " + fixed(top + plot_height / 2, 1) + ")\" fill=\"#333\"");
  out += "</svg>";
  return out;
}

std::string gantt_chart(const std::vector<GanttRow> &rows, double duration, std::string_view axis_title, Language language) {
  const double label_width = 260, plot_width = 560, right = 30, row = 22, top = 10, bottom = 40;
  const double width = label_width + plot_width + right, height = top + row * static_cast<double>(rows.size()) + bottom;
  double end = duration;
  for (const auto &r : rows) end = std::max(end, r.latest_finish);
  if (!(end > 0)) end = 1;
  const double step = tick_step(end, 10);
  end = std::ceil(end / step) * step;
  auto x_of = [&](double day) { return label_width + day / end * plot_width; };
  const double plot_bottom = top + row * static_cast<double>(rows.size());
  std::string out = svg_open(width, height, axis_title);
  for (std::size_t i = 0; i < rows.size(); i += 2)
    out += rect(label_width, top + row * static_cast<double>(i), plot_width, row, "#f6f8fb");
  for (double t = 0; t <= end + step * 1e-6; t += step) {
    out += line(x_of(t), top, x_of(t), plot_bottom, "#ddd");
    out += text(x_of(t), plot_bottom + 14, text::format_number(t, decimals_for(step), language), "middle", "fill=\"#555\"");
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto &r = rows[i];
    const double y = top + row * static_cast<double>(i);
    out += "<g>" + tooltip(r.tooltip);
    out += text(label_width - 8, y + row * 0.68, fit_text(r.label, label_width - 12, 12), "end", r.selected ? "" : "fill=\"#888\"");
    if (r.latest_finish > r.finish) out += line(x_of(r.finish), y + row / 2, x_of(r.latest_finish), y + row / 2, "#999", "stroke-width=\"2\"");
    const std::string colour = r.critical ? "#b22222" : "#4682b4";
    out += rect(x_of(r.start), y + 4, std::max(x_of(r.finish) - x_of(r.start), 2.0), row - 8, colour,
                r.selected ? "" : "fill-opacity=\"0.3\" stroke=\"" + colour + "\" stroke-dasharray=\"3 2\"");
    out += "</g>";
  }
  out += line(label_width, top, label_width, plot_bottom, "#333");
  out += text(label_width + plot_width / 2, height - 6, axis_title, "middle", "fill=\"#333\"");
  out += "</svg>";
  return out;
}

std::string quadrant_scatter(const std::vector<ScatterPoint> &points, double lo, double hi, double x_cross, double y_cross,
                             std::string_view x_title, std::string_view y_title, const std::string (&quadrants)[4], Language language) {
  const double left = 60, top = 20, size = 440, right = 190, bottom = 50;
  const double width = left + size + right, height = top + size + bottom;
  if (!(hi > lo)) hi = lo + 1;
  auto x_of = [&](double v) { return left + (v - lo) / (hi - lo) * size; };
  auto y_of = [&](double v) { return top + (hi - v) / (hi - lo) * size; };
  std::string out = svg_open(width, height, std::string(y_title) + " / " + std::string(x_title));
  // Quadrant backgrounds: top-left is where to concentrate.
  const char *fills[4] = {"#fdecea", "#e8f5e9", "#f3f3f3", "#fff8e1"};
  const double cx = x_of(x_cross), cy = y_of(y_cross);
  out += rect(left, top, cx - left, cy - top, fills[0]);
  out += rect(cx, top, left + size - cx, cy - top, fills[1]);
  out += rect(left, cy, cx - left, top + size - cy, fills[2]);
  out += rect(cx, cy, left + size - cx, top + size - cy, fills[3]);
  out += text(left + 6, top + 16, quadrants[0], "start", "fill=\"#8b1a1a\" font-weight=\"600\"");
  out += text(left + size - 6, top + 16, quadrants[1], "end", "fill=\"#1b5e20\" font-weight=\"600\"");
  out += text(left + 6, top + size - 8, quadrants[2], "start", "fill=\"#555\" font-weight=\"600\"");
  out += text(left + size - 6, top + size - 8, quadrants[3], "end", "fill=\"#8a6d00\" font-weight=\"600\"");
  const double step = tick_step(hi - lo, 8);
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-6; t += step) {
    out += text(x_of(t), top + size + 16, text::format_number(t, decimals_for(step), language), "middle", "fill=\"#555\"");
    out += text(left - 6, y_of(t) + 4, text::format_number(t, decimals_for(step), language), "end", "fill=\"#555\"");
  }
  out += rect(left, top, size, size, "none", "stroke=\"#333\"");
  out += line(cx, top, cx, top + size, "#333", "stroke-dasharray=\"5 3\"");
  out += line(left, cy, left + size, cy, "#333", "stroke-dasharray=\"5 3\"");
  // Labels right of their points, moved a line down or up when they would cover one already placed.
  std::vector<std::array<double, 4>> placed;  // left, top, right, bottom
  for (const auto &p : points) {
    const double x = x_of(p.x), y = y_of(p.y);
    const std::string label = fit_text(p.label, std::max(40.0, left + size + right - x - 12), 11);
    const double label_width = text_width(label, 11);
    double baseline = y + 4;
    for (double shift : {0.0, 12.0, -12.0, 24.0, -24.0}) {
      const double b = y + 4 + shift;
      const bool free = std::none_of(placed.begin(), placed.end(), [&](const auto &r) {
        return x + 8 < r[2] && x + 8 + label_width > r[0] && b - 10 < r[3] && b + 2 > r[1];
      });
      if (free && b - 10 >= 0 && b + 2 <= height) {
        baseline = b;
        break;
      }
    }
    placed.push_back({x + 8, baseline - 10, x + 8 + label_width, baseline + 2});
    out += "<g>" + tooltip(p.tooltip);
    out += "<circle cx=\"" + fixed(x, 1) + "\" cy=\"" + fixed(y, 1) + "\" r=\"5\" fill=\"" +
           (p.colour.empty() ? "#4682b4" : p.colour) + "\" stroke=\"#222\" stroke-width=\"0.7\"/>";
    out += text(x + 8, baseline, label, "start", "font-size=\"11\"");
    out += "</g>";
  }
  out += text(left + size / 2, height - 8, x_title, "middle", "fill=\"#333\"");
  out += text(16, top + size / 2, y_title, "middle", "transform=\"rotate(-90 16 " + fixed(top + size / 2, 1) + ")\" fill=\"#333\"");
  out += "</svg>";
  return out;
}

namespace {

// The band of the waves' intervals: a polygon along the highs and back along the lows
// of each run of consecutive waves that all have an interval.
std::string interval_band(const std::vector<TrendPoint> &points, const std::function<double(double)> &x_of,
                          const std::function<double(double)> &y_of) {
  std::string out;
  for (std::size_t i = 0; i < points.size();) {
    std::size_t end = i;
    while (end < points.size() && points[end].low && points[end].high) ++end;
    if (end - i >= 2) {
      std::string path;
      for (std::size_t k = i; k < end; ++k) path += fixed(x_of(points[k].day), 1) + "," + fixed(y_of(*points[k].high), 1) + " ";
      for (std::size_t k = end; k-- > i;) path += fixed(x_of(points[k].day), 1) + "," + fixed(y_of(*points[k].low), 1) + " ";
      path.pop_back();
      out += "<polygon points=\"" + path + "\" fill=\"#4682b4\" fill-opacity=\"0.15\"/>";
    }
    i = end + 1;
  }
  return out;
}

}  // namespace

std::string trend_chart(const std::vector<TrendPoint> &points, std::string_view title, Language language) {
  constexpr double width = 330, height = 170, top = 12, right = 14, bottom = 30, font_px = 11;
  double lo = 0, hi = 0, last_day = 0;
  bool any = false;
  for (const auto &p : points)
    for (const auto &v : {p.value, p.low, p.high})
      if (v) lo = any ? std::min(lo, *v) : *v, hi = any ? std::max(hi, *v) : *v, any = true;
  for (const auto &p : points) last_day = std::max(last_day, p.day);
  if (!(hi > lo)) lo -= 1, hi += 1;
  const double step = tick_step(hi - lo, 4);
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  // Room on the left for the widest tick label.
  double left = 0;
  for (double t = lo; t <= hi + step * 1e-6; t += step) left = std::max(left, text_width(text::format_number(t, decimals_for(step), language), font_px));
  left += 10;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  // The first and last waves sit a whisker's cap inside the plot, clear of the axis labels.
  constexpr double inset = 8;
  const std::function<double(double)> x_of = [&](double day) { return left + inset + (last_day > 0 ? day / last_day : 0.5) * (plot_w - 2 * inset); };
  const std::function<double(double)> y_of = [&](double v) { return top + (hi - v) / (hi - lo) * plot_h; };
  std::string out = svg_open(width, height, title);
  for (double t = lo; t <= hi + step * 1e-6; t += step) {
    out += line(left, y_of(t), width - right, y_of(t), std::abs(t) < step * 1e-6 ? "#333" : "#e3e3e3");
    out += text(left - 5, y_of(t) + 4, text::format_number(t, decimals_for(step), language), "end", "fill=\"#555\" font-size=\"11\"");
  }
  out += interval_band(points, x_of, y_of);
  // Dates under the axis: every wave's when they fit side by side (the first label starts at its
  // wave, the last ends at it, the others are centred), else the first and the last only.
  double widest = 0, closest = plot_w;
  for (std::size_t i = 0; i < points.size(); ++i) {
    widest = std::max(widest, text_width(points[i].label, font_px));
    if (i > 0) closest = std::min(closest, x_of(points[i].day) - x_of(points[i - 1].day));
  }
  const bool all_dates = closest >= (points.size() <= 2 ? 2.0 : 1.5) * widest + 8;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const bool first = i == 0, last = i + 1 == points.size();
    if (!all_dates && !first && !last) continue;
    out += text(x_of(points[i].day), height - 10, fit_text(points[i].label, all_dates ? widest : plot_w / 2 - 4, font_px),
                first ? "start" : last ? "end" : "middle", "fill=\"#555\" font-size=\"11\"");
  }
  std::string polyline;
  for (const auto &p : points) {
    if (!p.value) continue;
    polyline += fixed(x_of(p.day), 1) + "," + fixed(y_of(*p.value), 1) + " ";
  }
  if (polyline.size() > 1) {
    polyline.pop_back();
    out += "<polyline points=\"" + polyline + "\" fill=\"none\" stroke=\"#2e6da4\" stroke-width=\"2\"/>";
  }
  for (const auto &p : points) {
    const double x = x_of(p.day);
    out += "<g>" + tooltip(p.tooltip);
    if (p.low && p.high) {
      out += line(x, y_of(*p.low), x, y_of(*p.high), "#2e6da4", "stroke-width=\"1.5\"");
      out += line(x - 5, y_of(*p.low), x + 5, y_of(*p.low), "#2e6da4", "stroke-width=\"1.5\"");
      out += line(x - 5, y_of(*p.high), x + 5, y_of(*p.high), "#2e6da4", "stroke-width=\"1.5\"");
    }
    if (p.value) out += "<circle cx=\"" + fixed(x, 1) + "\" cy=\"" + fixed(y_of(*p.value), 1) + "\" r=\"4\" fill=\"#2e6da4\" stroke=\"#fff\"/>";
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

}  // namespace servicechain::report_detail
