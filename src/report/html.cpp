// The HTML report: sections of tables and inline SVG charts (docs/report.md).
#include "servicechain/report/html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "servicechain/analysis/chain/collapse.hpp"
#include "servicechain/analysis/chain/dot.hpp"
#include "servicechain/error.hpp"
#include "servicechain/text/messages.hpp"
#include "collapsed.hpp"
#include "context.hpp"
#include "svg.hpp"

namespace servicechain {
namespace {

// The page's content width in CSS px (style_sheet: body max-width 1080px, padding 1.5em)
// and the smallest label a person reads comfortably on it.
constexpr double page_width_px = 1030, min_label_px = 10;
// Graphviz's label size in the chain drawing (its default, for boxes; the edges' too, below).
constexpr double drawing_font_pt = 14;

using namespace report_detail;

std::string unit_label(const Unit &u) { return u.name.empty() ? u.id : u.name; }

const char *style_sheet() {
  return R"(body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#222;max-width:1080px;margin:0 auto;padding:1.5em;line-height:1.4}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #4682b4;padding-bottom:.2em;margin-top:2em}h3{margin-bottom:.3em}
.subtitle{color:#555;margin-top:0}
.cards{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}.card{border:1px solid #ccd;border-radius:6px;padding:.6em 1em;min-width:8em;background:#f7f9fc}
.card .value{font-size:1.5em;font-weight:600}.card .name{color:#555;font-size:.85em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}th,td{border:1px solid #ccd;padding:.25em .6em;text-align:left}
th{background:#eef2f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1em 0}figure.chart svg{max-width:100%;height:auto;display:block}
figure.drawing svg{max-width:100%;height:auto}figure.scroll{overflow-x:auto}figure.scroll svg{max-width:none}figcaption{color:#555;font-size:.85em;margin-top:.3em}
.swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #888;vertical-align:middle;margin-right:.3em}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5em 1em}
.warning{background:#fdecea;border-left:4px solid #c62828;padding:.5em 1em;font-weight:600}
.legend{font-size:.85em;color:#444}
.lead{color:#333;font-style:italic;margin-top:-.3em}.headline{font-size:1.2em}
ol.todo li{margin:.4em 0}ul.facts li{margin:.25em 0}
ol.cycle{list-style:none;display:flex;flex-wrap:wrap;gap:.4em;padding:0;margin:.4em 0 1em}
ol.cycle li{border:1px solid #999;border-radius:6px;padding:.3em .6em;min-width:7em;max-width:14em;font-size:.9em}
ol.cycle .stage{display:inline-block;background:#fff;border-radius:50%;min-width:1.4em;text-align:center;font-weight:600}
td.flag{background:#fdecea;font-weight:600}
section{overflow-wrap:break-word}th.level{text-transform:capitalize}
@media print{h2{page-break-before:auto}figure{page-break-inside:avoid}}
)";
}

// Only in a report with trends (reports without waves keep their bytes).
constexpr const char *trend_style = ".trends{display:flex;flex-wrap:wrap;gap:0 1.5em}.trends figure.chart{width:330px;margin:.5em 0}\n"
                                    ".trend-title{font-weight:600;font-size:.9em;margin-bottom:.2em}\n";

// --- header and summary -----------------------------------------------------

void header(std::string &out, const Context &c) {
  const Model &m = c.model;
  std::string org = m.organization ? (m.organization->name.empty() ? m.organization->id : m.organization->name) : "";
  out += "<header><h1>" + escape(org.empty() ? c.msg("report.service_quality_report") : org) +
         "</h1>\n<p class=\"subtitle\">" + c.msg("report.service_quality_of_the_internal_customer") +
         " &middot; servicechain " SERVICECHAIN_VERSION_STRING "</p></header>\n";
  // A result that missed the residual bound is shown, but never as if it were exact.
  Convergence convergence = c.chain.convergence();
  for (const auto &plan : c.in.plans) convergence.merge(plan.convergence);
  if (!convergence.converged)
    out += "<p class=\"warning\" id=\"not-converged\" role=\"alert\">" + c.msg("report.convergence_warning") +
           escape(convergence_message(convergence, c.in.language)) + ".</p>\n";
  auto card = [&](const std::string &value, const std::string &name) {
    out += "<div class=\"card\"><div class=\"value\">" + value + "</div><div class=\"name\">" + name + "</div></div>";
  };
  out += "<section id=\"summary\"><div class=\"cards\">";
  card(c.chain.satisfaction.csi ? c.num(*c.chain.satisfaction.csi, 1) : "&ndash;",
       c.msg("report.customer_satisfaction_index_0_100"));
  card(c.count(m.units.size()), c.msg("report.units"));
  card(c.count(m.people.size()), c.msg("report.people"));
  card(c.count(m.services.size()), c.msg("report.internal_services"));
  card(c.count(m.moments.size()), c.msg("report.moments_of_truth"));
  card(escape(c.chain.model == PropagationModel::linear ? c.msg("report.linear") : c.msg("report.geometric")),
       c.msg("report.propagation_model"));
  out += "</div>\n";
  bool any_segment = false;
  for (const auto &s : c.chain.satisfaction.segment_satisfaction) any_segment |= s.has_value();
  if (any_segment) {
    out += "<table><thead><tr><th>" + std::string(c.msg("report.customer_segment")) + "</th><th>" +
           c.msg("report.satisfaction") + "</th></tr></thead><tbody>\n";
    for (std::size_t s = 0; s < m.segments.size(); ++s) {
      const auto &value = c.chain.satisfaction.segment_satisfaction[s];
      out += "<tr><td>" + escape(m.segments[s].name.empty() ? m.segments[s].id : m.segments[s].name) + "</td><td class=\"num\">" +
             (value ? c.num(*value, 3) : "&ndash;") + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  out += "</section>\n";
}

// --- the chain drawn by Graphviz ---------------------------------------------

// The swatches of the colour scale: the DOT export's fixed scale, hue 0 (red) at q <= 0.5 to 1/3 (green) at q = 1.
std::string quality_scale(const Context &c) {
  std::string out;
  for (double q : {0.5, 0.625, 0.75, 0.875, 1.0})
    out += "<span class=\"swatch\" style=\"background:" + quality_colour(q) + "\"></span>q&nbsp;=&nbsp;" + c.num(q, 3) +
           (q == 0.5 ? "&nbsp;(" + std::string(c.msg("report.or_less")) + ")" : "") + " &nbsp; ";
  return out;
}

std::string quality_legend(const Context &c) {
  std::string out = "<p class=\"legend\">" + quality_scale(c);
  out += "<br>" + std::string(c.msg("report.boxes_units_coloured_by_delivered_quality")) +
         "</p>\n";
  return out;
}

}  // namespace

// Graphviz sizes its drawing in points (14 pt labels); shown at `px_per_pt` CSS pixels per
// point, the labels stay readable and a large chain scrolls instead of shrinking to nothing.
void report_detail::enlarge_edge_labels(std::string &dot) {
  const std::string_view edge_font = "edge [fontname=\"Helvetica\", fontsize=10]";
  if (const auto at = dot.find(edge_font); at != std::string::npos) dot.replace(at, edge_font.size(), "edge [fontname=\"Helvetica\", fontsize=14]");
  // The moments of truth's names would label every dashed edge to a segment and make the
  // drawing twice as wide; the report lists them in its moments section instead.
  const std::string_view moment_edge = "[style=dashed, color=\"steelblue\", label=";
  for (auto at = dot.find(moment_edge); at != std::string::npos; at = dot.find(moment_edge, at)) {
    const auto label = at + moment_edge.size() - std::string_view(", label=").size();
    const auto end = dot.find("];\n", label);
    if (end == std::string::npos) break;
    dot.erase(label, end - label);
    at = label;
  }
}

// Shown at 0.75 px per point (14 pt labels read as 10.5 px), scaled down to the page's width when wider.
double report_detail::drawing_scale(const std::string &svg) {
  const double width_pt = graphviz_width_pt(svg);
  return width_pt * 0.75 > page_width_px ? page_width_px / width_pt : 0.75;
}

double report_detail::graphviz_width_pt(const std::string &svg) {
  const auto tag_end = svg.find('>');
  auto at = svg.find("width=\"");
  if (at == std::string::npos || at > tag_end) return 0;
  at += 7;
  char *stop = nullptr;
  const std::string value = svg.substr(at, svg.find('"', at) - at);
  const double points = std::strtod(value.c_str(), &stop);
  return std::string_view(stop) == "pt" && points > 0 ? points : 0;
}

// Graphviz writes the labels' numbers with a decimal point ("q = 0.733", "0.40"): in
// Spanish, each text that is such a number (or ends in one) gets a decimal comma.
void report_detail::localize_svg_numbers(std::string &svg, Language language) {
  if (language != Language::es) return;
  std::string out;
  out.reserve(svg.size());
  std::size_t i = 0;
  while (true) {
    const auto open = svg.find("<text", i);
    if (open == std::string::npos) break;
    const auto content = svg.find('>', open);
    const auto close = svg.find("</text>", content);
    if (content == std::string::npos || close == std::string::npos) break;
    out.append(svg, i, content + 1 - i);
    std::string text = svg.substr(content + 1, close - content - 1);
    // The last word, when it is digits with one point ("0.733"), takes a comma.
    const auto word = text.find_last_of(' ') == std::string::npos ? 0 : text.find_last_of(' ') + 1;
    const auto point = text.find('.', word);
    if (point != std::string::npos && point > word && text.find_first_not_of("0123456789.", word) == std::string::npos &&
        text.find('.', point + 1) == std::string::npos)
      text[point] = ',';
    out += text;
    i = close;
  }
  out.append(svg, i, std::string::npos);
  svg = std::move(out);
}

void report_detail::display_graphviz_size(std::string &svg, double px_per_pt) {
  const auto tag_end = svg.find('>');
  for (const char *attribute : {"width=\"", "height=\""}) {
    auto at = svg.find(attribute);
    if (at == std::string::npos || at > tag_end) continue;
    at += std::string_view(attribute).size();
    const auto end = svg.find('"', at);
    std::string value = svg.substr(at, end - at);
    if (value.size() < 3 || value.compare(value.size() - 2, 2, "pt") != 0) continue;
    char *stop = nullptr;
    const double points = std::strtod(value.c_str(), &stop);
    if (stop != value.c_str() + value.size() - 2 || !(points > 0)) continue;
    svg.replace(at, end - at, fixed(points * px_per_pt, 0) + "px");
  }
}

namespace {


// The full chain laid out by Graphviz, edge labels as large as the boxes' (the export's
// 10 pt read as 7 px on a page); in Spanish with decimal commas.
std::optional<std::string> chain_drawing(const HtmlReportInput &in) {
  std::string dot = to_dot(*in.model, *in.graph, in.chain->propagation.delivered);
  enlarge_edge_labels(dot);
  // Top to bottom suits a page better than the export's left to right; the report has its own legend.
  auto svg = dot_to_svg(dot, {{"label", ""}, {"rankdir", "TB"}, {"nodesep", "0.2"}, {"ranksep", "0.5"}});
  if (svg) localize_svg_numbers(*svg, in.language);
  return svg;
}


// The input with the chain split by department when the full drawing's labels would be
// smaller than 10 px at the page's width: collapsed at the deepest depth that groups
// some units, and each group of several units drawn on its own (as with --detail).
std::optional<HtmlReportInput> split_by_departments(const HtmlReportInput &in) {
  const auto groups = groups_per_depth(in.chain->layers);
  // The first depth at which the tree branches: the top-level units (departments).
  std::optional<std::uint32_t> depth;
  for (std::uint32_t d = 0; d < groups.size() && !depth; ++d)
    if (groups[d] > 1) depth = d;
  if (!depth || groups[*depth] >= in.model->units.size()) return std::nullopt;
  HtmlReportInput split = in;
  split.group_depth = *depth;
  const CollapsedChain collapsed = collapse_chain(*in.model, *in.graph, *in.chain, *depth);
  for (const auto &g : collapsed.groups)
    if (g.units > 1 && std::find(split.detail.begin(), split.detail.end(), in.model->units[g.root].id) == split.detail.end())
      split.detail.push_back(in.model->units[g.root].id);
  return split;
}

void chain_section(std::string &out, const Context &c, std::optional<std::string> svg, const std::string &note) {
  if (c.collapsed) {
    collapsed_chain_section(out, c.in, *c.collapsed, note + "<p class=\"legend\">" + quality_scale(c) + "</p>\n");
    return;
  }
  if (c.model.units.size() > c.in.max_drawn_units) {
    out += "<section id=\"chain\"><h2>" + c.msg("report.the_internal_customer_chain") + "</h2>\n" + full_view_statement(c.in) + "<p class=\"note\">" +
           c.msg("report.the_chain_is_too_large_to") + c.count(c.model.units.size()) + " " + c.msg("report.units_limit") +
           c.count(c.in.max_drawn_units) + ").</p></section>\n";
    return;
  }
  if (!svg) {
    out += "<section id=\"chain\"><h2>" + c.msg("report.the_internal_customer_chain") + "</h2>\n" + full_view_statement(c.in) +
           "<p class=\"note\">" + c.msg("report.the_drawing_of_the_chain_is") + "</p></section>\n";
    return;
  }
  // On request (full_chain) the whole drawing at its readable size, scrolling inside its box.
  display_graphviz_size(*svg, c.in.full_chain ? 0.75 : drawing_scale(*svg));
  out += "<section id=\"chain\"><h2>" + c.msg("report.the_internal_customer_chain") + "</h2>\n" + lead(c, "chain.lead") + full_view_statement(c.in);
  out += std::string("<figure class=\"chart drawing") + (c.in.full_chain ? " scroll" : "") + "\" data-chart=\"chain\">" + *svg + "<figcaption>" + c.msg("report.drawn_by_graphviz_dot") +
         "</figcaption></figure>\n" + quality_legend(c) + "</section>\n";
}

// --- impact ranking ------------------------------------------------------------

// " (capped by morale; quality 0.700)" after s when the morale ceiling binds below the given quality (§2).
std::string capped_note(const Context &c, std::size_t u) {
  if (u >= c.chain.capped.size() || !c.chain.capped[u]) return "";
  return std::string(" <small>(") + c.msg("report.capped_by_morale_quality") +
         c.num(*c.model.units[u].quality, 3) + ")</small>";
}

void impact_section(std::string &out, const Context &c) {
  const auto &impact = c.chain.impact.impact;
  std::vector<std::uint32_t> ranked;
  for (std::uint32_t u = 0; u < impact.size(); ++u)
    if (impact[u]) ranked.push_back(u);
  out += "<section id=\"impact\"><h2>" + std::string(c.msg("report.impact_ranking")) + "</h2>\n" + lead(c, "impact.lead");
  if (ranked.empty()) {
    out += "<p class=\"note\">" +
           std::string(c.msg("report.no_impact_no_customer_segment_has")) +
           "</p></section>\n";
    return;
  }
  std::sort(ranked.begin(), ranked.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (*impact[a] != *impact[b]) return *impact[a] > *impact[b];
    return c.model.units[a].id < c.model.units[b].id;
  });
  const std::size_t total = ranked.size();
  if (ranked.size() > c.in.max_ranked_units) ranked.resize(c.in.max_ranked_units);
  std::vector<Bar> bars;
  for (auto u : ranked) {
    const Unit &unit = c.model.units[u];
    bars.push_back({unit_label(unit), *impact[u], c.num(*impact[u], 2), quality_colour(c.chain.propagation.delivered[u]),
                    unit.id + ": q = " + c.num(c.chain.propagation.delivered[u], 3)});
  }
  out += "<p>" +
         std::string(c.msg("report.impact_of_a_unit_how_many")) +
         "</p>\n";
  out += "<figure class=\"chart\" data-chart=\"impact\">" + horizontal_bar_chart(bars, c.msg("report.impact"), c.in.language) + "<figcaption>";
  if (total > ranked.size())
    out += std::string(c.msg("report.the")) + c.count(ranked.size()) + c.msg("report.highest_of") +
           c.count(total) + c.msg("report.units_2");
  else
    out += c.msg("report.all_units_highest_impact_first");
  out += "</figcaption></figure>\n";

  // The same units in a table with what explains their impact.
  out += "<table><thead><tr><th>" + std::string(c.msg("report.unit")) + "</th><th>" + c.msg("report.level") +
         "</th><th>s</th><th>q</th><th>" + c.msg("report.impact_2") + "</th><th>" + c.msg("report.impact_per_person") +
         "</th><th>" + c.msg("report.weakest_upstream") + "</th></tr></thead><tbody>\n";
  for (auto u : ranked) {
    const Unit &unit = c.model.units[u];
    const auto &weak = c.chain.weakest_upstream[u];
    const auto &per_person = c.chain.impact_per_person[u];
    out += "<tr><td>" + escape(unit_label(unit)) + "</td><td>" + c.level_name(unit.level) + "</td><td class=\"num\">" +
           c.num(c.chain.intrinsic[u], 3) + capped_note(c, u) + "</td><td class=\"num\"><span class=\"swatch\" style=\"background:" +
           quality_colour(c.chain.propagation.delivered[u]) + "\"></span>" + c.num(c.chain.propagation.delivered[u], 3) +
           "</td><td class=\"num\">" + c.num(*impact[u], 2) + "</td><td class=\"num\">" +
           (per_person ? c.num(*per_person, 2) : "&ndash;") + "</td><td>" + escape(unit_label(c.model.units[weak.unit])) + " (" +
           c.num(weak.quality, 3) + ")</td></tr>\n";
  }
  out += "</tbody></table></section>\n";
}

// --- surveys ---------------------------------------------------------------------

std::string optional_fixed(const Context &c, const std::optional<double> &value, int digits) { return value ? c.num(*value, digits) : "&ndash;"; }

void servqual_section(std::string &out, const Context &c) {
  if (!c.in.servqual) return;
  const ServqualScores &s = c.in.servqual->overall;
  out += "<section id=\"servqual\"><h2>" + std::string(c.msg("report.servqual_expectations_perceptions_and_gaps")) + "</h2>\n" + lead(c, "servqual.lead");
  out += "<div class=\"cards\">";
  auto card = [&](const std::string &value, const std::string &name) {
    out += "<div class=\"card\"><div class=\"value\">" + value + "</div><div class=\"name\">" + name + "</div></div>";
  };
  card(c.count(s.n), c.msg("report.respondents"));
  card(optional_fixed(c, s.unweighted, 2), c.msg("report.unweighted_score_mean_gap_p_e"));
  card(optional_fixed(c, s.weighted, 2), c.msg("report.weighted_score"));
  card(s.negative_share ? c.num(100 * *s.negative_share, 0) + "%" : "&ndash;",
       c.msg("report.respondents_with_a_negative_score"));
  out += "</div>\n";
  std::vector<BarGroup> groups;
  std::vector<Bar> gaps;
  for (const auto &d : s.dimensions) {
    if (!d.gap) continue;
    const std::string name = c.dimension_name(d.name);
    groups.push_back({name, {*d.expectation, *d.perception}});
    gaps.push_back({name, *d.gap, c.num(*d.gap, 2), *d.gap < 0 ? "#d9534f" : "#5cb85c",
                    name + ": E " + c.num(*d.expectation, 2) + ", P " + c.num(*d.perception, 2) + ", " + c.count(d.pairs) + " " + c.msg("report.pairs")});
  }
  if (gaps.empty()) {
    out += "<p class=\"note\">" + std::string(c.msg("report.no_answered_e_p_pair")) + "</p></section>\n";
    return;
  }
  out += "<figure class=\"chart\" data-chart=\"servqual-gaps\">" + horizontal_bar_chart(gaps, c.msg("report.gap_p_e_negative_below_expectations"), c.in.language) +
         "<figcaption>" + c.msg("report.gap_per_dimension_mean_of_p") + "</figcaption></figure>\n";
  out += "<figure class=\"chart\" data-chart=\"servqual-scores\">" +
         grouped_bar_chart(groups, {c.msg("report.expectation_e"), c.msg("report.perception_p")}, {"#9ab7d3", "#2e6da4"},
                           c.msg("report.mean_answer"), c.in.language) +
         "<figcaption>" + c.msg("report.scale") + escape(to_string(c.in.servqual->scale)) + ".</figcaption></figure>\n";
  out += "<table><thead><tr><th>" + std::string(c.msg("report.dimension")) + "</th><th>E</th><th>P</th><th>" + c.msg("report.gap") +
         "</th><th>" + c.msg("report.pairs_2") + "</th>";
  const bool weights = !s.mean_weights.empty() && s.mean_weights.size() == s.dimensions.size();
  if (weights) out += "<th>" + std::string(c.msg("report.mean_weight")) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < s.dimensions.size(); ++i) {
    const auto &d = s.dimensions[i];
    out += "<tr><td>" + escape(c.dimension_name(d.name)) + "</td><td class=\"num\">" + optional_fixed(c, d.expectation, 2) + "</td><td class=\"num\">" +
           optional_fixed(c, d.perception, 2) + "</td><td class=\"num\">" + optional_fixed(c, d.gap, 2) + "</td><td class=\"num\">" + c.count(d.pairs) + "</td>";
    if (weights) out += "<td class=\"num\">" + c.num(s.mean_weights[i], 1) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody></table></section>\n";
}

std::string quadrant_name(const Context &c, Quadrant q) {
  switch (q) {
    case Quadrant::concentrate_here: return c.msg("report.concentrate_here");
    case Quadrant::keep_up_the_good_work: return c.msg("report.keep_up_the_good_work");
    case Quadrant::low_priority: return c.msg("report.low_priority");
    case Quadrant::possible_overkill: return c.msg("report.possible_overkill");
  }
  return "";
}

const char *quadrant_colour(Quadrant q) {
  switch (q) {
    case Quadrant::concentrate_here: return "#d9534f";
    case Quadrant::keep_up_the_good_work: return "#5cb85c";
    case Quadrant::low_priority: return "#999999";
    case Quadrant::possible_overkill: return "#f0ad4e";
  }
  return "#4682b4";
}

// An IPA attribute for people: the name of the moment of truth or segment with that
// id, else the column's words ("checkin_speed" → "Checkin speed").
std::string attribute_label(const Context &c, const std::string &attribute) {
  for (const auto &m : c.model.moments)
    if (m.id == attribute && !m.name.empty()) return m.name;
  for (const auto &s : c.model.segments)
    if (s.id == attribute && !s.name.empty()) return s.name;
  std::string label = attribute;
  std::replace(label.begin(), label.end(), '_', ' ');
  if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

void ipa_section(std::string &out, const Context &c) {
  if (!c.in.ipa) return;
  const IpaResult &r = *c.in.ipa;
  out += "<section id=\"ipa\"><h2>" + std::string(c.msg("report.importance_performance_analysis")) + "</h2>\n" + lead(c, "ipa.lead");
  out += "<p>" + std::string(c.msg("report.respondents_2")) + ": " + c.count(r.n) + " &middot; " + c.msg("term.csi") + "<sub>ipa</sub>: " + optional_fixed(c, r.csi, 1) +
         " (" + c.msg("report.lowest_possible") + " " + c.num(r.csi_floor, 1) + ") &middot; " + c.msg("report.cross_hairs_at") +
         (r.crosshair == Crosshair::mean ? c.msg("report.the_grand_means") : c.msg("report.the_scale_midpoint")) + "</p>\n";
  std::vector<ScatterPoint> points;
  for (const auto &a : r.attributes) {
    if (!a.importance || !a.performance || !a.quadrant) continue;
    points.push_back({attribute_label(c, a.name), attribute_label(c, a.name) + ": I " + c.num(*a.importance, 2) + ", P " + c.num(*a.performance, 2) + " (" + quadrant_name(c, *a.quadrant) + ")",
                      quadrant_colour(*a.quadrant), *a.performance, *a.importance});
  }
  if (points.empty() || !r.crosshair_importance || !r.crosshair_performance) {
    out += "<p class=\"note\">" + std::string(c.msg("report.no_attribute_has_both_means")) + "</p></section>\n";
    return;
  }
  const std::string quadrants[4] = {quadrant_name(c, Quadrant::concentrate_here), quadrant_name(c, Quadrant::keep_up_the_good_work),
                                    quadrant_name(c, Quadrant::low_priority), quadrant_name(c, Quadrant::possible_overkill)};
  // Axes zoomed to the points and cross-hairs (half-unit steps, within the scale): means
  // bunch together, and the full scale would squeeze them into a corner.
  double lo = std::min(*r.crosshair_importance, *r.crosshair_performance), hi = std::max(*r.crosshair_importance, *r.crosshair_performance);
  for (const auto &p : points) lo = std::min({lo, p.x, p.y}), hi = std::max({hi, p.x, p.y});
  lo = std::max(r.scale.min, std::floor((lo - 0.25) * 2) / 2);
  hi = std::min(r.scale.max, std::ceil((hi + 0.25) * 2) / 2);
  out += "<figure class=\"chart\" data-chart=\"ipa\">" +
         quadrant_scatter(points, lo, hi, *r.crosshair_performance, *r.crosshair_importance, c.msg("report.performance"),
                          c.msg("report.importance"), quadrants, c.in.language) +
         "<figcaption>" + c.msg("report.mean_importance_against_mean_performance_per") +
         escape(to_string(r.scale)) + c.msg("report.axes_zoomed_to_the_data") + "</figcaption></figure>\n";
  out += "<table><thead><tr><th>" + std::string(c.msg("report.attribute")) + "</th><th>" + c.msg("report.importance_2") + "</th><th>" +
         c.msg("report.performance_2") + "</th><th>" + c.msg("report.quadrant") + "</th></tr></thead><tbody>\n";
  for (const auto &a : r.attributes)
    out += "<tr><td>" + escape(attribute_label(c, a.name)) + "</td><td class=\"num\">" + optional_fixed(c, a.importance, 2) + "</td><td class=\"num\">" +
           optional_fixed(c, a.performance, 2) + "</td><td>" + (a.quadrant ? quadrant_name(c, *a.quadrant) : "&ndash;") + "</td></tr>\n";
  out += "</tbody></table></section>\n";
}

// --- training plan per level ---------------------------------------------------------

void training_section(std::string &out, const Context &c) {
  if (!c.in.training) return;
  const TrainingResult &t = *c.in.training;
  out += "<section id=\"training\"><h2>" + std::string(c.msg("report.training_plan_per_level")) + "</h2>\n" + lead(c, "training.lead");
  out += "<p>" + c.count(t.needs.size()) + " " + c.msg("report.competency_gaps_of_people_against_their") +
         (t.uncovered ? " (" + c.count(t.uncovered) + " " + c.msg("report.with_no_module_of_the_person") + ")" : std::string()) +
         " &middot; " + c.msg("report.plan") + ": " + c.count(t.plan.size()) + " " + c.msg("report.enrolments") + ", " + c.num(t.hours, 0) + " h, " +
         c.msg("report.cost") + " " + c.money(t.cost) +
         (t.budget ? std::string(" (") + c.msg("report.budget") + " " + c.money(*t.budget) + "; " + c.msg("report.without_limit") + ": " +
                         c.count(t.full_enrolments) + ", " + c.money(t.full_cost) + ")"
                   : std::string()) +
         (t.impact_given ? "" : std::string(" &middot; ") + c.msg("report.every_unit_weighed_alike_no_csi")) + "</p>\n";
  if (t.plan.empty()) {
    out += "<p>" + std::string(c.msg("report.nobody_needs_training_for_their_position")) + "</p></section>\n";
    return;
  }
  std::vector<Bar> hours;
  for (const auto &l : t.by_level)
    hours.push_back({c.level_name(l.level), l.hours, c.num(l.hours, 0) + " h", "#4682b4",
                     std::string(c.level_name(l.level)) + ": " + c.count(l.people) + " " + c.msg("report.people") + ", " + c.money(l.cost)});
  out += "<figure class=\"chart\" data-chart=\"training\">" + horizontal_bar_chart(hours, c.msg("report.training_hours_per_participant_summed"), c.in.language) +
         "</figure>\n";
  const auto &curriculum = curriculum_of(c.model, c.in.language);
  auto title_of = [&](const std::string &id) {
    for (const auto &m : curriculum)
      if (m.id == id) return m.title.empty() ? id : m.title;
    return id;
  };
  out += "<table><thead><tr><th>" + std::string(c.msg("report.level")) + "</th><th>" + c.msg("report.people_2") + "</th><th>" + c.msg("report.enrolments_2") +
         "</th><th>" + c.msg("report.hours") + "</th><th>" + c.msg("report.cost_2") + "</th><th>" + c.msg("report.modules_participants") + "</th></tr></thead><tbody>\n";
  for (const auto &l : t.by_level) {
    out += "<tr><td>" + std::string(c.level_name(l.level)) + "</td><td class=\"num\">" + c.count(l.people) + "</td><td class=\"num\">" + c.count(l.enrolments) +
           "</td><td class=\"num\">" + c.num(l.hours, 0) + "</td><td class=\"num\">" + c.money(l.cost) + "</td><td>";
    for (std::size_t i = 0; i < l.modules.size(); ++i) out += (i ? "; " : "") + escape(title_of(l.modules[i].first)) + " (" + c.count(l.modules[i].second) + ")";
    out += "</td></tr>\n";
  }
  out += "</tbody></table></section>\n";
}

// --- improvement plans: Gantt chart -----------------------------------------------

void plan_section(std::string &out, const Context &c, const PlanReport &r) {
  const Plan &plan = *r.plan;
  const auto &s = r.selection;
  out += "<h3>" + escape(plan.name.empty() ? plan.id : plan.name) + " <small>(" + escape(plan.id) + ")</small></h3>\n";
  out += "<p>" + std::string(c.msg("report.budget_2")) + ": " + c.money(s.budget) + " &middot; " +
         c.msg("report.selected_cost") + ": " + c.money(s.cost) +
         (s.over_budget ? std::string(" <strong>") + c.msg("report.committed_actions_exceed_the_budget") + "</strong>" : "") +
         " &middot; " + c.msg("term.csi") + " " + (s.csi_before ? c.num(*s.csi_before, 2) : "&ndash;") + " &rarr; " +
         (s.csi_after ? c.num(*s.csi_after, 2) : "&ndash;") + " &middot; " + c.msg("report.duration") + ": " +
         c.num(r.schedule.duration, 0) + " " + c.msg("report.days") + "</p>\n";
  if (r.schedule.actions.empty()) {
    out += "<p>" + std::string(c.msg("report.every_action_is_done")) + "</p>\n";
    return;
  }
  std::vector<GanttRow> rows;
  for (const auto &a : r.schedule.actions) {
    const Action *action = nullptr;
    for (const auto &candidate : plan.actions)
      if (candidate.id == a.id) action = &candidate;
    GanttRow row;
    row.label = a.id + (action && !action->title.empty() ? " " + action->title : "");
    row.start = a.es;
    row.finish = a.ef;
    row.latest_finish = a.lf;
    row.critical = a.slack <= 1e-9;
    row.selected = std::find(s.selected.begin(), s.selected.end(), a.id) != s.selected.end();
    row.tooltip = a.id + ": ES " + c.num(a.es, 0) + ", EF " + c.num(a.ef, 0) + ", LS " + c.num(a.ls, 0) + ", LF " + c.num(a.lf, 0) +
                  ", slack " + c.num(a.slack, 0) + (action ? std::string(", ") + c.stage_name(action->stage) : "");
    rows.push_back(std::move(row));
  }
  out += "<figure class=\"chart\" data-chart=\"gantt-" + escape(plan.id) + "\">" +
         gantt_chart(rows, r.schedule.duration, c.msg("report.days_from_the_start"), c.in.language) + "<figcaption>" +
         c.msg("report.bars_from_earliest_start_to_earliest");
  if (plan.start) out += std::string(" ") + c.msg("report.day_0") + c.date(*plan.start) + ".";
  out += "</figcaption></figure>\n<p>" + std::string(c.msg("report.critical_path")) + ": ";
  for (std::size_t i = 0; i < r.schedule.critical_path.size(); ++i)
    out += (i ? " &rarr; " : "") + escape(r.schedule.critical_path[i]);
  out += "<br>" + std::string(c.msg("report.progress")) + ": ";
  for (std::size_t i = 0; i < r.progress.by_stage.size(); ++i)
    out += (i ? ", " : "") + c.stage_name(static_cast<Stage>(i)) + " " + c.count(r.progress.by_stage[i]);
  out += " &middot; " + std::string(c.msg("report.overdue_at")) + c.date(r.as_of) + ": ";
  if (r.progress.overdue.empty()) out += c.msg("report.none");
  for (std::size_t i = 0; i < r.progress.overdue.size(); ++i) out += (i ? ", " : "") + escape(r.progress.overdue[i]);
  out += "</p>\n";
}

void plans_section(std::string &out, const Context &c) {
  if (c.in.plans.empty()) return;
  out += "<section id=\"plans\"><h2>" + std::string(c.msg("report.improvement_plans")) + "</h2>\n" + lead(c, "plans.lead");
  for (const auto &r : c.in.plans)
    if (r.plan) plan_section(out, c, r);
  out += "</section>\n";
}

}  // namespace

namespace {

// The report of `input`; `drawing` is the full chain's drawing when already laid out.
std::string render(const HtmlReportInput &input, std::optional<std::string> drawing, const std::string &chain_note) {
  const std::optional<CollapsedChain> collapsed = report_collapsed_view(input);
  const Context c(input, collapsed ? &*collapsed : nullptr);
  if (!collapsed && !drawing && input.model->units.size() <= input.max_drawn_units) drawing = chain_drawing(input);
  std::string out;
  out.reserve(1 << 16);
  std::string title = input.model->organization && !input.model->organization->name.empty() ? input.model->organization->name : "servicechain";
  out += std::string("<!DOCTYPE html>\n<html lang=\"") + (input.language == Language::es ? "es" : "en") +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         escape(title) + " &ndash; " + c.msg("report.service_quality_report_2") + "</title>\n<style>\n" +
         style_sheet() + (input.trends.empty() ? "" : trend_style) + "</style>\n</head>\n<body>\n";
  header(out, c);
  executive_summary(out, c);
  chain_section(out, c, std::move(drawing), chain_note);
  moments_section(out, c);
  impact_section(out, c);
  if (collapsed) group_impact_section(out, input, *collapsed);
  detail_sections(out, input, "<p class=\"legend\">" + quality_scale(c) + "</p>\n");
  internal_section(out, c);
  compliance_section(out, c);
  alignment_section(out, c);
  training_section(out, c);
  culture_section(out, c);
  plans_section(out, c);
  servqual_section(out, c);
  ipa_section(out, c);
  trends_section(out, c);
  simulation_section(out, c);
  warnings_section(out, c);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace

std::string html_report(const HtmlReportInput &input) {
  if (!input.model || !input.graph || !input.chain) throw ArgumentError("html_report: the model, its graph and its chain analysis are required");
  if (input.group_depth || input.model->units.size() > input.max_drawn_units) return render(input, std::nullopt, "");
  auto drawing = chain_drawing(input);
  if (drawing && !input.full_chain && drawing_font_pt * drawing_scale(*drawing) < min_label_px)
    if (const auto split = split_by_departments(input))
      return render(*split, std::nullopt,
                    "<p class=\"note\">" + text::format("chain.too_wide", input.language, {text::format_count(input.model->units.size(), input.language)}) + "</p>\n");
  return render(input, std::move(drawing), "");
}

}  // namespace servicechain
