// The collapsed chain as a GraphViz DOT digraph (docs/chain.md#collapsed-views).
#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>

#include "dot_text.hpp"
#include "servicechain/analysis/chain/collapse.hpp"

namespace servicechain {

using detail::dot_quoted;

namespace {

// `value` with `digits` decimals and, in Spanish, a decimal comma (73,2).
std::string number(double value, int digits, Language language) {
  std::string s = detail::dot_fixed(value, digits);
  if (language == Language::es) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// A count with thousands separated: 20,000 in English, 20 000 (no-break space) in Spanish.
std::string count(std::size_t n, Language language) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += language == Language::es ? "\u00a0" : ",";
    out.push_back(digits[i]);
  }
  return out;
}

struct Words {
  Language language;
  const char *operator()(const char *en, const char *es) const { return language == Language::es ? es : en; }
};

// What a group's node says beyond its name: inside services and owned moments.
struct GroupExtras {
  double internal_weight = 0;
  std::size_t internal_services = 0, moments = 0;
};

void group_node(std::string &out, const Model &model, const CollapsedChain &c, std::size_t k, const GroupExtras &extra,
                const Words &tr) {
  const ChainGroup &g = c.groups[k];
  const Unit &root = model.units[g.root];
  const Language lang = tr.language;
  std::string label = root.name.empty() ? root.id : root.name;
  label.append("\n").append(count(g.units, lang)).append(" ").append(g.units == 1 ? tr("unit", "unidad") : tr("units", "unidades"));
  if (g.headcount > 0) label.append(", ").append(count(g.headcount, lang)).append(" ").append(tr("people", "personas"));
  if (extra.moments > 0)
    label.append("\n").append(count(extra.moments, lang)).append(" ").append(
        extra.moments == 1 ? tr("moment of truth", "momento de la verdad") : tr("moments of truth", "momentos de la verdad"));
  label.append("\nq = ").append(number(g.delivered, 3, lang));
  std::string tip = root.id;
  tip.append(": s = ").append(number(g.quality, 3, lang)).append(", q = ").append(number(g.delivered, 3, lang));
  if (g.impact) tip.append(", ").append(tr("impact ", "impacto ")).append(number(*g.impact, 2, lang));
  tip.append("; ").append(std::to_string(extra.internal_services)).append(" ").append(tr("services inside (weight ", "servicios internos (peso "));
  tip.append(number(extra.internal_weight, 2, lang)).append("); ").append(tr("weakest unit ", "unidad más débil "));
  tip.append(model.units[g.weakest].id).append(" (s = ").append(number(g.weakest_quality, 3, lang)).append(")");
  out += "  ";
  dot_quoted(out, root.id);
  out += " [label=";
  dot_quoted(out, label);
  out += ", tooltip=";
  dot_quoted(out, tip);
  out += ", fillcolor=" + detail::dot_quality_fill(g.delivered) + "];\n";
}

// Links between different groups to draw, in `links` order: all, or each group's heaviest
// link in and out (so no group floats alone) and then the heaviest others up to max_links.
std::vector<std::size_t> drawn_links(const CollapsedChain &c, std::size_t max_links) {
  std::vector<std::size_t> between;
  for (std::size_t i = 0; i < c.links.size(); ++i)
    if (c.links[i].from != c.links[i].to) between.push_back(i);
  if (max_links == 0 || between.size() <= max_links) return between;
  constexpr std::size_t none = SIZE_MAX;
  std::vector<std::size_t> heaviest_out(c.groups.size(), none), heaviest_in(c.groups.size(), none);
  auto heavier = [&](std::size_t i, std::size_t best) { return best == none || c.links[i].weight > c.links[best].weight; };
  for (auto i : between) {
    if (heavier(i, heaviest_out[c.links[i].from])) heaviest_out[c.links[i].from] = i;
    if (heavier(i, heaviest_in[c.links[i].to])) heaviest_in[c.links[i].to] = i;
  }
  std::vector<char> chosen(c.links.size(), 0);
  std::size_t count = 0;
  for (const auto *best : {&heaviest_out, &heaviest_in})
    for (auto i : *best)
      if (i != none && !chosen[i]) chosen[i] = 1, ++count;
  std::stable_sort(between.begin(), between.end(), [&](auto x, auto y) { return c.links[x].weight > c.links[y].weight; });
  for (auto i : between)
    if (count < max_links && !chosen[i]) chosen[i] = 1, ++count;
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < c.links.size(); ++i)
    if (chosen[i]) out.push_back(i);
  return out;
}

void segment_edges(std::string &out, const Model &model, const ChainGraph &graph, const CollapsedChain &c, const Words &tr) {
  if (model.segments.empty()) return;
  detail::dot_segments(out, model);
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> moments;  // (group, segment) -> moments
  const auto owner = graph.moment_owner();
  const auto segment = graph.moment_segment();
  for (std::size_t m = 0; m < owner.size() && m < segment.size(); ++m)
    if (owner[m] < c.group_of.size() && c.group_of[owner[m]] < c.groups.size()) ++moments[{c.group_of[owner[m]], segment[m]}];
  for (const auto &[key, count] : moments) {
    out += "  ";
    dot_quoted(out, model.units[c.groups[key.first].root].id);
    out += " -> ";
    dot_quoted(out, model.segments[key.second].id);
    std::string label = std::to_string(count);
    label.append(" ").append(count == 1 ? tr("moment", "momento") : tr("moments", "momentos"));
    out += " [style=dashed, color=\"steelblue\", label=";
    dot_quoted(out, label);
    out += "];\n";
  }
}

}  // namespace

std::string collapsed_to_dot(const Model &model, const ChainGraph &graph, const CollapsedChain &c,
                             const CollapsedDotOptions &options) {
  const Words tr{options.language};
  std::vector<GroupExtras> extras(c.groups.size());
  for (const auto &link : c.links)
    if (link.from == link.to) extras[link.from].internal_weight = link.weight, extras[link.from].internal_services = link.services;
  for (auto owner : graph.moment_owner())
    if (owner < c.group_of.size() && c.group_of[owner] < c.groups.size()) ++extras[c.group_of[owner]].moments;
  std::string out = "digraph servicechain_groups {\n  graph [rankdir=TB, fontname=\"Helvetica\", label=";
  std::string title = std::string(tr("groups at depth ", "grupos en la profundidad ")) + std::to_string(c.depth) +
                      tr("; delivered quality q: red <= 0.5, yellow 0.75, green 1; edge width: total weight of the services",
                         "; calidad entregada q: rojo <= 0,5, amarillo 0,75, verde 1; ancho de las flechas: peso total de los servicios");
  dot_quoted(out, title);
  out += "];\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=" + detail::dot_fixed(options.font_size, 1) + "];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=" + detail::dot_fixed(std::max(6.0, options.font_size - 4), 1) + "];\n";
  for (std::size_t k = 0; k < c.groups.size(); ++k) group_node(out, model, c, k, extras[k], tr);
  const auto drawn = drawn_links(c, options.max_links);
  double heaviest = 0;
  for (auto i : drawn) heaviest = std::max(heaviest, c.links[i].weight);
  for (auto i : drawn) {
    const auto &link = c.links[i];
    out += "  ";
    dot_quoted(out, model.units[c.groups[link.from].root].id);
    out += " -> ";
    dot_quoted(out, model.units[c.groups[link.to].root].id);
    const double width = heaviest > 0 ? 1.0 + 7.0 * link.weight / heaviest : 1.0;
    std::string tip = std::to_string(link.services);
    tip.append(" ").append(tr("services, total weight ", "servicios, peso total ")).append(number(link.weight, 2, options.language));
    out += " [label=";
    dot_quoted(out, number(link.weight, 1, options.language));
    out += ", penwidth=" + number(width, 2, Language::en) + ", tooltip=";
    dot_quoted(out, tip);
    out += "];\n";
  }
  if (options.segments) segment_edges(out, model, graph, c, tr);
  out += "}\n";
  return out;
}

}  // namespace servicechain
