#include "servicechain/analysis/chain/dot.hpp"

#include <algorithm>
#include <cstdio>

#include "../../util/id_index.hpp"

namespace servicechain {

namespace {

void quoted(std::string &out, std::string_view text) {
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

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

}  // namespace

std::string to_dot(const Model &model, const ChainGraph &graph, std::span<const double> delivered) {
  const detail::IdIndex unit_index(model.units, [](const Unit &u) -> std::string_view { return u.id; });
  const auto &component = graph.components().component;
  auto comp_offsets = graph.component_offsets();
  // A service inside a strongly connected component is part of a circular dependency.
  auto circular = [&](const Service &s) {
    auto f = unit_index.find(s.from), t = unit_index.find(s.to);
    if (!f || !t || *f >= component.size() || *t >= component.size() || component[*f] != component[*t]) return false;
    auto c = component[*f];
    return comp_offsets[c + 1] - comp_offsets[c] > 1;
  };
  std::string out;
  out += "digraph servicechain {\n";
  out += "  graph [rankdir=LR, fontname=\"Helvetica\"";
  std::string title = model.organization ? (model.organization->name.empty() ? model.organization->id : model.organization->name) : "";
  if (delivered.size() == model.units.size())
    title += (title.empty() ? "" : "\n") + std::string("delivered quality q: red <= 0.5, yellow 0.75, green 1; red edges: circular dependencies");
  if (!title.empty()) {
    out += ", label=";
    quoted(out, title);
  }
  out += "];\n";
  out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  const bool coloured = delivered.size() == model.units.size();
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const Unit &unit = model.units[u];
    out += "  ";
    quoted(out, unit.id);
    std::string label = unit.name.empty() ? unit.id : unit.name;
    out += " [label=";
    if (coloured) label += "\nq = " + fixed(delivered[u], 3);
    quoted(out, label);
    if (coloured) {
      // Hue 0 (red) at q <= 0.5 through yellow (0.75) to 1/3 (green) at q = 1: a fixed
      // scale (comparable between drawings) spread over the range real units fall in.
      const double share = std::clamp((delivered[u] - 0.5) / 0.5, 0.0, 1.0);
      out += ", fillcolor=\"" + fixed(share / 3.0, 3) + " 0.55 0.95\"";
    } else {
      out += ", fillcolor=\"white\"";
    }
    out += "];\n";
  }
  if (!model.segments.empty()) {
    out += "  { rank=sink;\n";
    for (const Segment &c : model.segments) {
      out += "    ";
      quoted(out, c.id);
      out += " [label=";
      quoted(out, c.name.empty() ? c.id : c.name);
      out += ", shape=ellipse, style=filled, fillcolor=\"lightblue\"];\n";
    }
    out += "  }\n";
  }
  for (const Service &s : model.services) {
    out += "  ";
    quoted(out, s.from);
    out += " -> ";
    quoted(out, s.to);
    out += " [label=\"" + fixed(s.weight, 2) + "\", penwidth=" + fixed(1.0 + 3.0 * s.weight, 2);
    if (circular(s)) out += ", color=\"firebrick\"";
    if (!s.name.empty()) {
      out += ", tooltip=";
      quoted(out, s.name);
    }
    out += "];\n";
  }
  for (const MomentOfTruth &m : model.moments) {
    out += "  ";
    quoted(out, m.owner);
    out += " -> ";
    quoted(out, m.segment);
    out += " [style=dashed, color=\"steelblue\", label=";
    quoted(out, m.name.empty() ? m.id : m.name);
    out += "];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace servicechain
