// The report at every scale: the collapsed chain, the impact ranking by group,
// and one group's subtree on request (docs/report.md, "Large organizations").
#include "collapsed.hpp"

#include <algorithm>
#include <cstdint>

#include "../util/id_index.hpp"
#include "servicechain/analysis/chain/dot.hpp"
#include "servicechain/error.hpp"
#include "servicechain/text/messages.hpp"
#include "svg.hpp"

namespace servicechain::report_detail {

namespace {

struct Text {
  const HtmlReportInput &in;
  std::string msg(std::string_view id) const { return std::string(text::message(id, in.language)); }
  std::string number(double value, int digits) const { return text::format_number(value, digits, in.language); }
  std::string count(std::size_t n) const { return text::format_count(n, in.language); }
};

std::string label_of(const Unit &u) { return u.name.empty() ? u.id : u.name; }

// The Graphviz drawing of a collapsed chain, scaled to fit the page (figure.chart
// svg has max-width 100%), or a note when it cannot be drawn.
std::string groups_drawing(const HtmlReportInput &in, const CollapsedChain &c, const std::string &chart_name) {
  const Text tr{in};
  if (c.groups.size() > in.max_drawn_units)
    return "<p class=\"note\">" + std::string(tr.msg("report.too_many_groups_to_draw_legibly")) +
           tr.count(c.groups.size()) + tr.msg("report.limit") + tr.count(in.max_drawn_units) +
           tr.msg("report.choose_a_smaller_depth") + "</p>\n";
  CollapsedDotOptions options;
  options.max_links = in.max_drawn_links;
  options.language = in.language;
  options.segments = false;  // each group's moments of truth are in its label: no arcs across the page
  options.font_size = 18;    // shown scaled down to the page width
  auto svg = dot_to_svg(collapsed_to_dot(*in.model, *in.graph, c, options),
                        {{"label", ""}, {"rankdir", "TB"}, {"nodesep", "0.25"}, {"ranksep", "0.6"}});
  if (!svg)
    return "<p class=\"note\">" +
           std::string(tr.msg("report.the_drawing_is_unavailable_this_build")) +
           "</p>\n";
  localize_svg_numbers(*svg, in.language);
  display_graphviz_size(*svg, 0.75);
  std::size_t between = 0;
  for (const auto &link : c.links) between += link.from != link.to;
  const std::size_t drawn = in.max_drawn_links == 0 ? between : std::min(between, in.max_drawn_links);
  std::string caption = tr.msg("report.boxes_groups_units_people_mean_delivered");
  if (drawn < between)
    caption += std::string(tr.msg("report.the_2")) + tr.count(drawn) + tr.msg("report.heaviest_of") + tr.count(between) +
               tr.msg("report.links_are_drawn");
  caption += tr.msg("report.each_box_counts_the_moments_of");
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
  std::string out = "<table><thead><tr><th>" + std::string(tr.msg("report.group")) + "</th><th>" + tr.msg("report.units_3") + "</th><th>" +
                    tr.msg("report.people_2") + "</th><th>s</th><th>q</th><th>" + tr.msg("report.impact_2") + "</th><th>" +
                    tr.msg("report.weakest_unit_s") + "</th><th>" +
                    tr.msg("report.highest_impact_units_inside") + "</th></tr></thead><tbody>\n";
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
  std::string dot = to_dot(sub, graph, delivered);
  enlarge_edge_labels(dot);
  auto svg = dot_to_svg(dot, {{"label", ""}, {"rankdir", "TB"}, {"nodesep", "0.2"}, {"ranksep", "0.5"}});
  if (!svg) return "<p class=\"note\">" + std::string(tr.msg("report.the_drawing_is_unavailable_this_build_2")) + "</p>\n";
  localize_svg_numbers(*svg, in.language);
  display_graphviz_size(*svg, drawing_scale(*svg));
  return "<figure class=\"chart drawing\" data-chart=\"detail-" + escape(model.units[root].id) + "\">" + *svg + "<figcaption>" +
         tr.count(sub.units.size()) + tr.msg("report.units_4") + tr.count(sub.services.size()) +
         tr.msg("report.services_inside") + tr.count(incoming) + tr.msg("report.services_come_in_from_other_units") +
         tr.count(outgoing) + tr.msg("report.go_out_to_them_not_drawn") +
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
  return "<p class=\"view\"><strong>" + std::string(tr.msg("report.view")) + "</strong> " + tr.msg("report.the_full_chain") +
         tr.count(in.model->units.size()) + tr.msg("report.units_2") + "</p>\n";
}

void collapsed_chain_section(std::string &out, const HtmlReportInput &in, const CollapsedChain &c, const std::string &legend) {
  const Text tr{in};
  const std::size_t n = in.model->units.size();
  out += "<section id=\"chain\"><h2>" + std::string(tr.msg("report.the_internal_customer_chain")) + "</h2>\n<p class=\"lead\">" +
         tr.msg("chain.lead_collapsed") + "</p>\n";
  out += "<p class=\"view\"><strong>" + std::string(tr.msg("report.view")) + "</strong> " +
         tr.msg("report.the_chain_collapsed_by_department") + tr.count(c.groups.size()) +
         tr.msg("report.groups_at_depth") + std::to_string(c.depth) + tr.msg("report.of_the_unit_tree") +
         tr.count(n) + tr.msg("report.units_in_all");
  if (n > in.max_drawn_units)
    out += std::string(tr.msg("report.the_chain_is_too_large_to_2")) +
           tr.count(in.max_drawn_units) + tr.msg("report.units_5");
  out += std::string(tr.msg("report.each_unit_counts_in_its_ancestor")) +
         "</p>\n";
  out += groups_drawing(in, c, "chain-groups") + legend + "</section>\n";
}

void group_impact_section(std::string &out, const HtmlReportInput &in, const CollapsedChain &c) {
  const Text tr{in};
  out += "<section id=\"impact-groups\"><h2>" + std::string(tr.msg("report.impact_by_group")) + "</h2>\n";
  auto order = ranked_groups(in, c);
  if (order.empty()) {
    out += "<p class=\"note\">" + std::string(tr.msg("report.no_impact_the_satisfaction_index_is")) +
           "</p></section>\n";
    return;
  }
  out += "<p>" +
         std::string(tr.msg("report.impact_of_a_group_the_sum")) +
         "</p>\n";
  const std::size_t total = order.size();
  std::vector<Bar> bars;
  const auto &units = in.model->units;
  for (std::size_t i = 0; i < order.size() && i < in.max_ranked_units; ++i) {
    const ChainGroup &g = c.groups[order[i]];
    bars.push_back({label_of(units[g.root]), *g.impact, tr.number(*g.impact, 2), quality_colour(g.delivered),
                    units[g.root].id + ": q = " + tr.number(g.delivered, 3) + ", " + std::to_string(g.units) + tr.msg("report.units_6")});
  }
  out += "<figure class=\"chart\" data-chart=\"impact-groups\">" + horizontal_bar_chart(bars, tr.msg("report.impact"), in.language) + "<figcaption>";
  if (total > bars.size())
    out += std::string(tr.msg("report.the_3")) + tr.count(bars.size()) + tr.msg("report.highest_of") + tr.count(total) + tr.msg("report.groups");
  else
    out += tr.msg("report.all_groups_highest_impact_first_bars");
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
           ")</small></h2>\n<p class=\"view\"><strong>" + tr.msg("report.view") + "</strong> ";
    if (size <= in.max_drawn_units) {
      out += std::string(tr.msg("report.the_full_chain_of_this_unit")) + tr.count(size) +
             tr.msg("report.units_2") + "</p>\n" + subtree_drawing(in, inside, *root);
    } else {
      const CollapsedChain c = collapsed_subtree(in, inside);
      out += std::string(tr.msg("report.this_unit_s_subtree_collapsed")) + tr.count(c.groups.size()) +
             tr.msg("report.groups_at_depth") + std::to_string(c.depth) + tr.msg("report.of") + tr.count(size) +
             tr.msg("report.units_too_many_to_draw_in") +
             "</p>\n" + groups_drawing(in, c, "detail-" + id);
      out += group_table(in, c, ranked_groups(in, c));
    }
    out += legend + "</section>\n";
  }
}

}  // namespace servicechain::report_detail
