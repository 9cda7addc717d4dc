#include "servicechain/analysis/chain/dot.hpp"

#include <algorithm>
#include <cstdio>

#include "../../util/id_index.hpp"
#include "dot_text.hpp"

namespace servicechain {

using detail::dot_quoted;

namespace {
std::string fixed(double value, int digits) { return detail::dot_fixed(value, digits); }
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
    dot_quoted(out, title);
  }
  out += "];\n";
  out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  const bool coloured = delivered.size() == model.units.size();
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const Unit &unit = model.units[u];
    out += "  ";
    dot_quoted(out, unit.id);
    std::string label = unit.name.empty() ? unit.id : unit.name;
    out += " [label=";
    if (coloured) label += "\nq = " + fixed(delivered[u], 3);
    dot_quoted(out, label);
    if (coloured) {
      out += ", fillcolor=" + detail::dot_quality_fill(delivered[u]);
    } else {
      out += ", fillcolor=\"white\"";
    }
    out += "];\n";
  }
  detail::dot_segments(out, model);
  for (const Service &s : model.services) {
    out += "  ";
    dot_quoted(out, s.from);
    out += " -> ";
    dot_quoted(out, s.to);
    out += " [label=\"" + fixed(s.weight, 2) + "\", penwidth=" + fixed(1.0 + 3.0 * s.weight, 2);
    if (circular(s)) out += ", color=\"firebrick\"";
    if (!s.name.empty()) {
      out += ", tooltip=";
      dot_quoted(out, s.name);
    }
    out += "];\n";
  }
  for (const MomentOfTruth &m : model.moments) {
    out += "  ";
    dot_quoted(out, m.owner);
    out += " -> ";
    dot_quoted(out, m.segment);
    out += " [style=dashed, color=\"steelblue\", label=";
    dot_quoted(out, m.name.empty() ? m.id : m.name);
    out += "];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace servicechain
