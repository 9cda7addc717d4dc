// The report at every scale: the collapsed chain, the impact ranking by group,
// and one group's subtree on request (docs/report.md, "Large organizations").
#include "collapsed.hpp"

#include <algorithm>
#include <cstdint>

#include "../util/id_index.hpp"
#include "servicechain/analysis/chain/dot.hpp"
#include "servicechain/error.hpp"
#include "svg.hpp"

namespace servicechain::report_detail {

namespace {

struct Text {
  const HtmlReportInput &in;
  const char *operator()(const char *en, const char *es) const { return in.language == Language::es ? es : en; }
  // `value` with `digits` decimals; in Spanish with a decimal comma (73,2).
  std::string number(double value, int digits) const {
    std::string s = fixed(value, digits);
    if (in.language == Language::es) std::replace(s.begin(), s.end(), '.', ',');
    return s;
  }
  // A count with thousands separated: 20,000 in English, 20 000 (no-break space) in Spanish.
  std::string count(std::size_t n) const {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += in.language == Language::es ? "&nbsp;" : ",";
      out.push_back(digits[i]);
    }
    return out;
  }
};

std::string label_of(const Unit &u) { return u.name.empty() ? u.id : u.name; }

// The Graphviz drawing of a collapsed chain, scaled to fit the page (figure.chart
// svg has max-width 100%), or a note when it cannot be drawn.
std::string groups_drawing(const HtmlReportInput &in, const CollapsedChain &c, const std::string &chart_name) {
  const Text tr{in};
  if (c.groups.size() > in.max_drawn_units)
    return "<p class=\"note\">" + std::string(tr("Too many groups to draw legibly: ", "Demasiados grupos para dibujarlos legiblemente: ")) +
           tr.count(c.groups.size()) + tr(" (limit ", " (límite ") + tr.count(in.max_drawn_units) +
           tr("). Choose a smaller depth.", "). Elija una profundidad menor.") + "</p>\n";
  CollapsedDotOptions options;
  options.max_links = in.max_drawn_links;
  options.language = in.language;
  options.segments = false;  // each group's moments of truth are in its label: no arcs across the page
  options.font_size = 18;    // shown scaled down to the page width
  auto svg = dot_to_svg(collapsed_to_dot(*in.model, *in.graph, c, options),
                        {{"label", ""}, {"rankdir", "TB"}, {"nodesep", "0.25"}, {"ranksep", "0.6"}});
  if (!svg)
    return "<p class=\"note\">" +
           std::string(tr("The drawing is unavailable: this build of servicechain has no Graphviz; the table below has the groups.",
                          "El dibujo no está disponible: esta compilación de servicechain no incluye Graphviz; la tabla de abajo tiene los grupos.")) +
           "</p>\n";
  display_graphviz_size(*svg, 0.75);
  std::size_t between = 0;
  for (const auto &link : c.links) between += link.from != link.to;
  const std::size_t drawn = in.max_drawn_links == 0 ? between : std::min(between, in.max_drawn_links);
  std::string caption = tr("Boxes: groups (units, people, mean delivered quality q), coloured by q. Arrows: services between groups, "
                           "labelled and thickened by their total weight",
                           "Cajas: grupos (unidades, personas, calidad entregada media q), coloreados según q. Flechas: servicios entre "
                           "grupos, con su peso total como etiqueta y grosor");
  if (drawn < between)
    caption += std::string(tr("; the ", "; se dibujan los ")) + tr.count(drawn) + tr(" heaviest of ", " más pesados de ") + tr.count(between) +
               tr(" links are drawn", " vínculos");
  caption += tr(". Each box counts the moments of truth its units own; services inside a group are in its tooltip.",
                ". Cada caja cuenta los momentos de verdad de sus unidades; los servicios internos de un grupo están en su descripción emergente.");
  return "<figure class=\"chart\" data-chart=\"" + escape(chart_name) + "\">" + *svg + "<figcaption>" + caption +
         "</figcaption></figure>\n";
}

// Units of each group with the highest impact, highest first (ties: id), at most k per group.
std::vector<std::vector<std::uint32_t>> top_units(const HtmlReportInput &in, const CollapsedChain &c, std::size_t k) {
  const auto &impact = in.chain->impact.impact;
  const auto &units = in.model->units;
  auto higher = [&](std::uint32_t x, std::uint32_t y) {
    if (*impact[x] != *impact[y]) return *impact[x] > *impact[y];
    return units[x].id < units[y].id;
  };
  std::vector<std::vector<std::uint32_t>> top(c.groups.size());
  for (std::uint32_t u = 0; u < c.group_of.size(); ++u) {
    if (!impact[u] || c.group_of[u] >= top.size()) continue;
    auto &list = top[c.group_of[u]];
    if (list.size() == k && (k == 0 || !higher(u, list.back()))) continue;
    list.insert(std::upper_bound(list.begin(), list.end(), u, higher), u);
    if (list.size() > k) list.pop_back();
  }
  return top;
}

// Groups ranked by impact (highest first, ties by id); groups with a null impact left out.
std::vector<std::uint32_t> ranked_groups(const HtmlReportInput &in, const CollapsedChain &c) {
  std::vector<std::uint32_t> order;
  for (std::uint32_t g = 0; g < c.groups.size(); ++g)
    if (c.groups[g].impact) order.push_back(g);
  const auto &units = in.model->units;
  std::sort(order.begin(), order.end(), [&](auto x, auto y) {
    if (*c.groups[x].impact != *c.groups[y].impact) return *c.groups[x].impact > *c.groups[y].impact;
    return units[c.groups[x].root].id < units[c.groups[y].root].id;
  });
  return order;
}

// The table of groups in `order`: size, means, impact, weakest unit and the top units inside.
std::string group_table(const HtmlReportInput &in, const CollapsedChain &c, const std::vector<std::uint32_t> &order) {
  const Text tr{in};
  const auto &units = in.model->units;
  const auto &impact = in.chain->impact.impact;
  const auto top = top_units(in, c, in.top_units_per_group);
  std::string out = "<table><thead><tr><th>" + std::string(tr("Group", "Grupo")) + "</th><th>" + tr("Units", "Unidades") + "</th><th>" +
                    tr("People", "Personas") + "</th><th>s</th><th>q</th><th>" + tr("Impact", "Impacto") + "</th><th>" +
                    tr("Weakest unit (s)", "Unidad más débil (s)") + "</th><th>" +
                    tr("Highest-impact units inside", "Unidades de mayor impacto dentro") + "</th></tr></thead><tbody>\n";
  for (auto g : order) {
    const ChainGroup &group = c.groups[g];
    out += "<tr><td>" + escape(label_of(units[group.root])) + " <small>(" + escape(units[group.root].id) + ")</small></td><td class=\"num\">" +
           tr.count(group.units) + "</td><td class=\"num\">" + tr.count(group.headcount) + "</td><td class=\"num\">" +
           tr.number(group.quality, 3) + "</td><td class=\"num\" style=\"white-space:nowrap\"><span class=\"swatch\" style=\"background:" +
           quality_colour(group.delivered) + "\"></span>" + tr.number(group.delivered, 3) + "</td><td class=\"num\">" +
           (group.impact ? tr.number(*group.impact, 2) : "&ndash;") + "</td><td>" + escape(label_of(units[group.weakest])) + " (" +
           tr.number(group.weakest_quality, 3) + ")</td><td>";
    for (std::size_t i = 0; i < top[g].size(); ++i)
      out += (i ? "; " : "") + escape(label_of(units[top[g][i]])) + " " + tr.number(*impact[top[g][i]], 2);
    out += "</td></tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::optional<std::uint32_t> find_unit(const Model &model, const std::string &id) {
  for (std::uint32_t u = 0; u < model.units.size(); ++u)
    if (model.units[u].id == id) return u;
  return std::nullopt;
}

// The units of `root`'s subtree (itself included), as a membership flag per unit.
std::vector<char> subtree_of(const HtmlReportInput &in, std::uint32_t root) {
  const CollapsedChain at_root = collapse_chain(*in.model, *in.graph, *in.chain, in.chain->layers[root]);
  std::vector<char> inside(in.model->units.size(), 0);
  for (std::uint32_t u = 0; u < inside.size(); ++u) inside[u] = at_root.groups[at_root.group_of[u]].root == root;
  return inside;
}

// The subtree as a model of its own (units, services inside, moments it owns and
// their segments), drawn by to_dot with q from the full analysis.
std::string subtree_drawing(const HtmlReportInput &in, const std::vector<char> &inside, std::uint32_t root) {
  const Text tr{in};
  const Model &model = *in.model;
  Model sub;
  sub.organization = model.organization;
  std::vector<double> delivered;
  for (std::uint32_t u = 0; u < inside.size(); ++u)
    if (inside[u]) {
      sub.units.push_back(model.units[u]);
      if (u == root) sub.units.back().parent.reset();
      delivered.push_back(in.chain->propagation.delivered[u]);
    }
  const detail::IdIndex index(model.units, [](const Unit &u) -> std::string_view { return u.id; });
  auto is_inside = [&](const std::string &id) {
    auto u = index.find(id);
    return u && inside[*u];
  };
  std::size_t incoming = 0, outgoing = 0;
  for (const Service &s : model.services) {
    const bool from = is_inside(s.from), to = is_inside(s.to);
    if (from && to) sub.services.push_back(s);
    incoming += !from && to;
    outgoing += from && !to;
  }
  std::vector<char> used_segment(model.segments.size(), 0);
  for (std::size_t m = 0; m < model.moments.size(); ++m)
    if (is_inside(model.moments[m].owner)) {
      sub.moments.push_back(model.moments[m]);
      used_segment[in.graph->moment_segment()[m]] = 1;
    }
  for (std::size_t s = 0; s < model.segments.size(); ++s)
    if (used_segment[s]) sub.segments.push_back(model.segments[s]);
  const ChainGraph graph(sub);
  auto svg = dot_to_svg(to_dot(sub, graph, delivered), {{"label", ""}, {"rankdir", "TB"}, {"nodesep", "0.2"}, {"ranksep", "0.5"}});
  if (!svg) return "<p class=\"note\">" + std::string(tr("The drawing is unavailable: this build of servicechain has no Graphviz.",
                                                         "El dibujo no está disponible: esta compilación de servicechain no incluye Graphviz.")) + "</p>\n";
  display_graphviz_size(*svg, 0.75);
  return "<figure class=\"chart drawing\" data-chart=\"detail-" + escape(model.units[root].id) + "\">" + *svg + "<figcaption>" +
         tr.count(sub.units.size()) + tr(" units, ", " unidades, ") + tr.count(sub.services.size()) +
         tr(" services inside; ", " servicios internos; ") + tr.count(incoming) + tr(" services come in from other units, ", " servicios llegan de otras unidades, ") +
         tr.count(outgoing) + tr(" go out to them (not drawn). Red edges: circular dependencies inside the subtree.",
                                 " salen hacia ellas (no dibujados). Flechas rojas: dependencias circulares dentro del subárbol.") +
         "</figcaption></figure>\n";
}

// The collapsed view of a subtree: the full collapse at the deepest depth with at most
// max_groups groups inside it, keeping its groups and the links between them.
CollapsedChain collapsed_subtree(const HtmlReportInput &in, const std::vector<char> &inside) {
  std::vector<std::uint32_t> layers;
  for (std::uint32_t u = 0; u < inside.size(); ++u)
    if (inside[u]) layers.push_back(in.chain->layers[u]);
  const auto depth = depth_for_max_groups(layers, std::max<std::size_t>(1, in.max_groups));
  const CollapsedChain all = collapse_chain(*in.model, *in.graph, *in.chain, depth.value_or(0));
  CollapsedChain c;
  c.depth = all.depth;
  std::vector<std::uint32_t> renumber(all.groups.size(), UINT32_MAX);
  for (std::uint32_t g = 0; g < all.groups.size(); ++g)
    if (inside[all.groups[g].root]) renumber[g] = static_cast<std::uint32_t>(c.groups.size()), c.groups.push_back(all.groups[g]);
  c.group_of.resize(all.group_of.size());
  for (std::size_t u = 0; u < all.group_of.size(); ++u) c.group_of[u] = renumber[all.group_of[u]];
  for (const auto &link : all.links)
    if (renumber[link.from] != UINT32_MAX && renumber[link.to] != UINT32_MAX)
      c.links.push_back({renumber[link.from], renumber[link.to], link.services, link.weight});
  return c;
}

}  // namespace

std::optional<CollapsedChain> report_collapsed_view(const HtmlReportInput &in) {
  if (in.group_depth) return collapse_chain(*in.model, *in.graph, *in.chain, *in.group_depth);
  if (in.model->units.size() <= in.max_drawn_units) return std::nullopt;
  // More roots than max_groups: depth 0 all the same, drawn if it can be.
  const auto depth = depth_for_max_groups(in.chain->layers, std::max<std::size_t>(1, in.max_groups));
  return collapse_chain(*in.model, *in.graph, *in.chain, depth.value_or(0));
}

std::string full_view_statement(const HtmlReportInput &in) {
  const Text tr{in};
  return "<p class=\"view\"><strong>" + std::string(tr("View:", "Vista:")) + "</strong> " + tr("the full chain, ", "la cadena completa, ") +
         tr.count(in.model->units.size()) + tr(" units.", " unidades.") + "</p>\n";
}

void collapsed_chain_section(std::string &out, const HtmlReportInput &in, const CollapsedChain &c, const std::string &legend) {
  const Text tr{in};
  const std::size_t n = in.model->units.size();
  out += "<section id=\"chain\"><h2>" + std::string(tr("The internal customer chain", "La cadena de clientes internos")) + "</h2>\n";
  out += "<p class=\"view\"><strong>" + std::string(tr("View:", "Vista:")) + "</strong> " +
         tr("the chain collapsed by department: ", "la cadena agrupada por área: ") + tr.count(c.groups.size()) +
         tr(" groups at depth ", " grupos en la profundidad ") + std::to_string(c.depth) + tr(" of the unit tree, ", " del árbol de unidades, ") +
         tr.count(n) + tr(" units in all", " unidades en total");
  if (n > in.max_drawn_units)
    out += std::string(tr(" (the chain is too large to draw in full legibly: limit ", " (la cadena es demasiado grande para dibujarla completa legiblemente: límite ")) +
           tr.count(in.max_drawn_units) + tr(" units)", " unidades)");
  out += std::string(tr(". Each unit counts in its ancestor at that depth; figures come from the analysis of every unit. "
                        "To draw one group's units: <code>servicechain report MODEL --detail GROUP</code>.",
                        ". Cada unidad cuenta en su antecesora de esa profundidad; las cifras vienen del análisis de todas las unidades. "
                        "Para dibujar las unidades de un grupo: <code>servicechain report MODELO --detail GRUPO</code>.")) +
         "</p>\n";
  out += groups_drawing(in, c, "chain-groups") + legend + "</section>\n";
}

void group_impact_section(std::string &out, const HtmlReportInput &in, const CollapsedChain &c) {
  const Text tr{in};
  out += "<section id=\"impact-groups\"><h2>" + std::string(tr("Impact by group", "Impacto por grupo")) + "</h2>\n";
  auto order = ranked_groups(in, c);
  if (order.empty()) {
    out += "<p class=\"note\">" + std::string(tr("No impact: the satisfaction index is undefined.", "Sin impacto: el índice de satisfacción no está definido.")) +
           "</p></section>\n";
    return;
  }
  out += "<p>" +
         std::string(tr("Impact of a group: the sum of its units' impacts, the points the customer satisfaction index gains when every unit "
                        "of the group raises its own quality s by 1. s and q: means over the group's units (weighted by people when every "
                        "unit has people).",
                        "Impacto de un grupo: la suma de los impactos de sus unidades, los puntos que gana el índice de satisfacción del "
                        "cliente cuando cada unidad del grupo sube su calidad propia s en 1. s y q: medias de las unidades del grupo "
                        "(ponderadas por personas cuando todas las unidades tienen personal).")) +
         "</p>\n";
  const std::size_t total = order.size();
  std::vector<Bar> bars;
  const auto &units = in.model->units;
  for (std::size_t i = 0; i < order.size() && i < in.max_ranked_units; ++i) {
    const ChainGroup &g = c.groups[order[i]];
    bars.push_back({label_of(units[g.root]), *g.impact, tr.number(*g.impact, 2), quality_colour(g.delivered),
                    units[g.root].id + ": q = " + tr.number(g.delivered, 3) + ", " + std::to_string(g.units) + tr(" units", " unidades")});
  }
  out += "<figure class=\"chart\" data-chart=\"impact-groups\">" + horizontal_bar_chart(bars, tr("impact", "impacto")) + "<figcaption>";
  if (total > bars.size())
    out += std::string(tr("The ", "Los ")) + tr.count(bars.size()) + tr(" highest of ", " mayores de ") + tr.count(total) + tr(" groups.", " grupos.");
  else
    out += tr("All groups, highest impact first; bars coloured by mean delivered quality q.",
              "Todos los grupos, de mayor a menor impacto; barras coloreadas según la calidad entregada media q.");
  out += "</figcaption></figure>\n";
  if (order.size() > in.max_ranked_units) order.resize(in.max_ranked_units);
  out += group_table(in, c, order) + "</section>\n";
}

void detail_sections(std::string &out, const HtmlReportInput &in, const std::string &legend) {
  const Text tr{in};
  for (const auto &id : in.detail) {
    const auto root = find_unit(*in.model, id);
    if (!root) throw ArgumentError("detail: no unit \"" + id + "\" in the model");
    const auto inside = subtree_of(in, *root);
    const auto size = static_cast<std::size_t>(std::count(inside.begin(), inside.end(), 1));
    const Unit &unit = in.model->units[*root];
    out += "<section id=\"detail-" + escape(id) + "\" class=\"detail\"><h2>" + escape(label_of(unit)) + " <small>(" + escape(id) +
           ")</small></h2>\n<p class=\"view\"><strong>" + tr("View:", "Vista:") + "</strong> ";
    if (size <= in.max_drawn_units) {
      out += std::string(tr("the full chain of this unit's subtree, ", "la cadena completa del subárbol de esta unidad, ")) + tr.count(size) +
             tr(" units.", " unidades.") + "</p>\n" + subtree_drawing(in, inside, *root);
    } else {
      const CollapsedChain c = collapsed_subtree(in, inside);
      out += std::string(tr("this unit's subtree collapsed: ", "el subárbol de esta unidad agrupado: ")) + tr.count(c.groups.size()) +
             tr(" groups at depth ", " grupos en la profundidad ") + std::to_string(c.depth) + tr(" of ", " de ") + tr.count(size) +
             tr(" units (too many to draw in full). Ask for a group below it with --detail.",
                " unidades (demasiadas para dibujarlas completas). Pida un grupo inferior con --detail.") +
             "</p>\n" + groups_drawing(in, c, "detail-" + id);
      out += group_table(in, c, ranked_groups(in, c));
    }
    out += legend + "</section>\n";
  }
}

}  // namespace servicechain::report_detail
