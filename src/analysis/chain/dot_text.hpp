#pragma once
// Internal: pieces shared by the DOT exports (dot.cpp, collapse_dot.cpp).
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>

#include "servicechain/model.hpp"

namespace servicechain::detail {

/// Appends `text` as a DOT double-quoted string.
inline void dot_quoted(std::string &out, std::string_view text) {
  out.push_back('"');
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  out.push_back('"');
}

/// `value` with `digits` decimals (C locale).
inline std::string dot_fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

/// The fill colour of delivered quality q as an HSV DOT colour: hue 0 (red) at
/// q <= 0.5 through yellow (0.75) to 1/3 (green) at q = 1, a fixed scale
/// (comparable between drawings) spread over the range real units fall in.
inline std::string dot_quality_fill(double q) {
  const double share = std::clamp((q - 0.5) / 0.5, 0.0, 1.0);
  std::string colour = "\"";
  colour.append(dot_fixed(share / 3.0, 3)).append(" 0.55 0.95\"");
  return colour;
}

/// The model's customer segments as light-blue ellipses on the last rank (sinks).
inline void dot_segments(std::string &out, const Model &model) {
  if (model.segments.empty()) return;
  out += "  { rank=sink;\n";
  for (const Segment &c : model.segments) {
    out += "    ";
    dot_quoted(out, c.id);
    out += " [label=";
    dot_quoted(out, c.name.empty() ? c.id : c.name);
    out += ", shape=ellipse, style=filled, fillcolor=\"lightblue\"];\n";
  }
  out += "  }\n";
}

}  // namespace servicechain::detail
