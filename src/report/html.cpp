// The HTML report: sections of tables and inline SVG charts (docs/report.md).
#include "servicechain/report/html.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "servicechain/analysis/chain/dot.hpp"
#include "servicechain/error.hpp"
#include "collapsed.hpp"
#include "svg.hpp"

namespace servicechain {
namespace {

using namespace report_detail;

struct Context {
  const HtmlReportInput &in;
  const Model &model;
  const ChainAnalysis &chain;
  const CollapsedChain *collapsed = nullptr;  ///< the collapsed view shown, or null for the full chain
  const char *tr(const char *en, const char *es) const { return in.language == Language::es ? es : en; }
};

const char *level_name(const Context &c, Level level) {
  switch (level) {
    case Level::directive: return c.tr("directive", "directivo");
    case Level::managerial: return c.tr("managerial", "gerencial");
    case Level::operative: return c.tr("operative", "operativo");
  }
  return "";
}

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
figure.drawing{overflow-x:auto}figure.drawing svg{max-width:none}figcaption{color:#555;font-size:.85em;margin-top:.3em}
.swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #888;vertical-align:middle;margin-right:.3em}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5em 1em}
.warning{background:#fdecea;border-left:4px solid #c62828;padding:.5em 1em;font-weight:600}
.legend{font-size:.85em;color:#444}
@media print{h2{page-break-before:auto}figure{page-break-inside:avoid}}
)";
}

// --- header and summary -----------------------------------------------------

void header(std::string &out, const Context &c) {
  const Model &m = c.model;
  std::string org = m.organization ? (m.organization->name.empty() ? m.organization->id : m.organization->name) : "";
  out += "<header><h1>" + escape(org.empty() ? c.tr("Service quality report", "Informe de calidad de servicio") : org) +
         "</h1>\n<p class=\"subtitle\">" + c.tr("Service quality of the internal customer chain", "Calidad de servicio de la cadena de clientes internos") +
         " &middot; servicechain " SERVICECHAIN_VERSION_STRING "</p></header>\n";
  // A result that missed the residual bound is shown, but never as if it were exact.
  Convergence convergence = c.chain.convergence();
  for (const auto &plan : c.in.plans) convergence.merge(plan.convergence);
  if (!convergence.converged)
    out += "<p class=\"warning\" id=\"not-converged\" role=\"alert\">" + std::string(c.tr("Warning: ", "Aviso: ")) +
           escape(convergence_message(convergence, c.in.language)) + ".</p>\n";
  auto card = [&](const std::string &value, const char *name) {
    out += "<div class=\"card\"><div class=\"value\">" + value + "</div><div class=\"name\">" + name + "</div></div>";
  };
  out += "<section id=\"summary\"><div class=\"cards\">";
  card(c.chain.satisfaction.csi ? fixed(*c.chain.satisfaction.csi, 1) : "&ndash;",
       c.tr("customer satisfaction index (0&ndash;100)", "índice de satisfacción del cliente (0&ndash;100)"));
  card(std::to_string(m.units.size()), c.tr("units", "unidades"));
  card(std::to_string(m.people.size()), c.tr("people", "personas"));
  card(std::to_string(m.services.size()), c.tr("internal services", "servicios internos"));
  card(std::to_string(m.moments.size()), c.tr("moments of truth", "momentos de verdad"));
  card(escape(c.chain.model == PropagationModel::linear ? c.tr("linear", "lineal") : c.tr("geometric", "geométrico")),
       c.tr("propagation model", "modelo de propagación"));
  out += "</div>\n";
  bool any_segment = false;
  for (const auto &s : c.chain.satisfaction.segment_satisfaction) any_segment |= s.has_value();
  if (any_segment) {
    out += "<table><thead><tr><th>" + std::string(c.tr("Customer segment", "Segmento de clientes")) + "</th><th>" +
           c.tr("Satisfaction", "Satisfacción") + "</th></tr></thead><tbody>\n";
    for (std::size_t s = 0; s < m.segments.size(); ++s) {
      const auto &value = c.chain.satisfaction.segment_satisfaction[s];
      out += "<tr><td>" + escape(m.segments[s].name.empty() ? m.segments[s].id : m.segments[s].name) + "</td><td class=\"num\">" +
             (value ? fixed(*value, 3) : "&ndash;") + "</td></tr>\n";
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
    out += "<span class=\"swatch\" style=\"background:" + quality_colour(q) + "\"></span>q&nbsp;=&nbsp;" + fixed(q, 3) +
           (q == 0.5 ? "&nbsp;(" + std::string(c.tr("or less", "o menos")) + ")" : "") + " &nbsp; ";
  return out;
}

std::string quality_legend(const Context &c) {
  std::string out = "<p class=\"legend\">" + quality_scale(c);
  out += "<br>" + std::string(c.tr("Boxes: units, coloured by delivered quality q. Edge labels: service weights; red edges lie on "
                                   "circular dependencies. Ellipses: customer segments, reached through moments of truth (dashed).",
                                   "Cajas: unidades, coloreadas según la calidad entregada q. Etiquetas de las flechas: pesos de los "
                                   "servicios; las flechas rojas forman dependencias circulares. Elipses: segmentos de clientes, "
                                   "alcanzados en los momentos de verdad (líneas discontinuas).")) +
         "</p>\n";
  return out;
}

}  // namespace

// Graphviz sizes its drawing in points (14 pt labels); shown at `px_per_pt` CSS pixels per
// point, the labels stay readable and a large chain scrolls instead of shrinking to nothing.
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

void chain_section(std::string &out, const Context &c) {
  if (c.collapsed) {
    collapsed_chain_section(out, c.in, *c.collapsed, "<p class=\"legend\">" + quality_scale(c) + "</p>\n");
    return;
  }
  out += "<section id=\"chain\"><h2>" + std::string(c.tr("The internal customer chain", "La cadena de clientes internos")) + "</h2>\n";
  out += full_view_statement(c.in);
  if (c.model.units.size() > c.in.max_drawn_units) {
    out += "<p class=\"note\">" +
           std::string(c.tr("The chain is too large to draw legibly: ", "La cadena es demasiado grande para dibujarla legiblemente: ")) +
           std::to_string(c.model.units.size()) + " " + c.tr("units (limit ", "unidades (límite ") +
           std::to_string(c.in.max_drawn_units) + ").</p></section>\n";
    return;
  }
  // Top to bottom suits a page better than the export's left to right; the report has its own legend.
  auto svg = dot_to_svg(to_dot(c.model, *c.in.graph, c.chain.propagation.delivered),
                        {{"label", ""}, {"rankdir", "TB"}, {"nodesep", "0.2"}, {"ranksep", "0.5"}});
  if (!svg) {
    out += "<p class=\"note\">" +
           std::string(c.tr("The drawing of the chain is unavailable: this build of servicechain has no Graphviz "
                            "(CMake option SERVICECHAIN_WITH_GRAPHVIZ, Debian package libgraphviz-dev).",
                            "El dibujo de la cadena no está disponible: esta compilación de servicechain no incluye Graphviz "
                            "(opción de CMake SERVICECHAIN_WITH_GRAPHVIZ, paquete de Debian libgraphviz-dev).")) +
           "</p></section>\n";
    return;
  }
  display_graphviz_size(*svg, 0.75);
  out += "<figure class=\"chart drawing\" data-chart=\"chain\">" + *svg + "<figcaption>" +
         c.tr("Drawn by Graphviz (dot).", "Dibujada con Graphviz (dot).") + "</figcaption></figure>\n" + quality_legend(c);
  out += "</section>\n";
}

// --- impact ranking ------------------------------------------------------------

// " (capped by morale; quality 0.700)" after s when the morale ceiling binds below the given quality (§2).
std::string capped_note(const Context &c, std::size_t u) {
  if (u >= c.chain.capped.size() || !c.chain.capped[u]) return "";
  return std::string(" <small>(") + c.tr("capped by morale; quality ", "limitada por la moral; calidad ") +
         fixed(*c.model.units[u].quality, 3) + ")</small>";
}

void impact_section(std::string &out, const Context &c) {
  const auto &impact = c.chain.impact.impact;
  std::vector<std::uint32_t> ranked;
  for (std::uint32_t u = 0; u < impact.size(); ++u)
    if (impact[u]) ranked.push_back(u);
  out += "<section id=\"impact\"><h2>" + std::string(c.tr("Impact ranking", "Ranking de impacto")) + "</h2>\n";
  if (ranked.empty()) {
    out += "<p class=\"note\">" +
           std::string(c.tr("No impact: no customer segment has moments of truth, so there is no satisfaction index.",
                            "Sin impacto: ningún segmento de clientes tiene momentos de verdad, así que no hay índice de satisfacción.")) +
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
    bars.push_back({unit_label(unit), *impact[u], fixed(*impact[u], 2), quality_colour(c.chain.propagation.delivered[u]),
                    unit.id + ": q = " + fixed(c.chain.propagation.delivered[u], 3)});
  }
  out += "<p>" +
         std::string(c.tr("Impact of a unit: how many points the customer satisfaction index gains per unit of the unit's own "
                          "quality s (&part;CSI/&part;s). Bars coloured by delivered quality q, as in the drawing.",
                          "Impacto de una unidad: cuántos puntos gana el índice de satisfacción del cliente por cada unidad de "
                          "calidad propia s de la unidad (&part;CSI/&part;s). Barras coloreadas según la calidad entregada q, "
                          "como en el dibujo.")) +
         "</p>\n";
  out += "<figure class=\"chart\" data-chart=\"impact\">" + horizontal_bar_chart(bars, c.tr("impact", "impacto")) + "<figcaption>";
  if (total > ranked.size())
    out += std::string(c.tr("The ", "Las ")) + std::to_string(ranked.size()) + c.tr(" highest of ", " mayores de ") +
           std::to_string(total) + c.tr(" units.", " unidades.");
  else
    out += c.tr("All units, highest impact first.", "Todas las unidades, de mayor a menor impacto.");
  out += "</figcaption></figure>\n";

  // The same units in a table with what explains their impact.
  out += "<table><thead><tr><th>" + std::string(c.tr("Unit", "Unidad")) + "</th><th>" + c.tr("Level", "Nivel") +
         "</th><th>s</th><th>q</th><th>" + c.tr("Impact", "Impacto") + "</th><th>" + c.tr("Impact per person", "Impacto por persona") +
         "</th><th>" + c.tr("Weakest upstream", "Eslabón más débil aguas arriba") + "</th></tr></thead><tbody>\n";
  for (auto u : ranked) {
    const Unit &unit = c.model.units[u];
    const auto &weak = c.chain.weakest_upstream[u];
    const auto &per_person = c.chain.impact_per_person[u];
    out += "<tr><td>" + escape(unit_label(unit)) + "</td><td>" + level_name(c, unit.level) + "</td><td class=\"num\">" +
           fixed(c.chain.intrinsic[u], 3) + capped_note(c, u) + "</td><td class=\"num\"><span class=\"swatch\" style=\"background:" +
           quality_colour(c.chain.propagation.delivered[u]) + "\"></span>" + fixed(c.chain.propagation.delivered[u], 3) +
           "</td><td class=\"num\">" + fixed(*impact[u], 2) + "</td><td class=\"num\">" +
           (per_person ? fixed(*per_person, 2) : "&ndash;") + "</td><td>" + escape(unit_label(c.model.units[weak.unit])) + " (" +
           fixed(weak.quality, 3) + ")</td></tr>\n";
  }
  out += "</tbody></table></section>\n";
}

// --- surveys ---------------------------------------------------------------------

std::string dimension_name(const Context &c, const std::string &name) {
  static const char *names[][3] = {{"tangibles", "Tangibles", "Elementos tangibles"},
                                   {"reliability", "Reliability", "Fiabilidad"},
                                   {"responsiveness", "Responsiveness", "Capacidad de respuesta"},
                                   {"assurance", "Assurance", "Seguridad"},
                                   {"empathy", "Empathy", "Empatía"}};
  for (const auto &n : names)
    if (name == n[0]) return c.tr(n[1], n[2]);
  return name;
}

std::string optional_fixed(const std::optional<double> &value, int digits) { return value ? fixed(*value, digits) : "&ndash;"; }

void servqual_section(std::string &out, const Context &c) {
  if (!c.in.servqual) return;
  const ServqualScores &s = c.in.servqual->overall;
  out += "<section id=\"servqual\"><h2>" + std::string(c.tr("SERVQUAL: expectations, perceptions and gaps", "SERVQUAL: expectativas, percepciones y brechas")) + "</h2>\n";
  out += "<div class=\"cards\">";
  auto card = [&](const std::string &value, const char *name) {
    out += "<div class=\"card\"><div class=\"value\">" + value + "</div><div class=\"name\">" + name + "</div></div>";
  };
  card(std::to_string(s.n), c.tr("respondents", "encuestados"));
  card(optional_fixed(s.unweighted, 2), c.tr("unweighted score (mean gap P &minus; E)", "puntuación sin ponderar (brecha media P &minus; E)"));
  card(optional_fixed(s.weighted, 2), c.tr("weighted score", "puntuación ponderada"));
  card(s.negative_share ? fixed(100 * *s.negative_share, 0) + "%" : "&ndash;",
       c.tr("respondents with a negative score", "encuestados con puntuación negativa"));
  out += "</div>\n";
  std::vector<BarGroup> groups;
  std::vector<Bar> gaps;
  for (const auto &d : s.dimensions) {
    if (!d.gap) continue;
    const std::string name = dimension_name(c, d.name);
    groups.push_back({name, {*d.expectation, *d.perception}});
    gaps.push_back({name, *d.gap, fixed(*d.gap, 2), *d.gap < 0 ? "#d9534f" : "#5cb85c",
                    name + ": E " + fixed(*d.expectation, 2) + ", P " + fixed(*d.perception, 2) + ", " + std::to_string(d.pairs) + " " + c.tr("pairs", "pares")});
  }
  if (gaps.empty()) {
    out += "<p class=\"note\">" + std::string(c.tr("No answered (E, P) pair.", "Ningún par (E, P) respondido.")) + "</p></section>\n";
    return;
  }
  out += "<figure class=\"chart\" data-chart=\"servqual-gaps\">" + horizontal_bar_chart(gaps, c.tr("gap P − E (negative: below expectations)", "brecha P − E (negativa: por debajo de lo esperado)")) +
         "<figcaption>" + c.tr("Gap per dimension: mean of P &minus; E over the answered pairs of its items.", "Brecha por dimensión: media de P &minus; E sobre los pares respondidos de sus ítems.") + "</figcaption></figure>\n";
  out += "<figure class=\"chart\" data-chart=\"servqual-scores\">" +
         grouped_bar_chart(groups, {c.tr("expectation E", "expectativa E"), c.tr("perception P", "percepción P")}, {"#9ab7d3", "#2e6da4"},
                           c.tr("mean answer", "respuesta media")) +
         "<figcaption>" + c.tr("Scale ", "Escala ") + escape(to_string(c.in.servqual->scale)) + ".</figcaption></figure>\n";
  out += "<table><thead><tr><th>" + std::string(c.tr("Dimension", "Dimensión")) + "</th><th>E</th><th>P</th><th>" + c.tr("Gap", "Brecha") +
         "</th><th>" + c.tr("Pairs", "Pares") + "</th>";
  const bool weights = !s.mean_weights.empty() && s.mean_weights.size() == s.dimensions.size();
  if (weights) out += "<th>" + std::string(c.tr("Mean weight", "Peso medio")) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < s.dimensions.size(); ++i) {
    const auto &d = s.dimensions[i];
    out += "<tr><td>" + escape(dimension_name(c, d.name)) + "</td><td class=\"num\">" + optional_fixed(d.expectation, 2) + "</td><td class=\"num\">" +
           optional_fixed(d.perception, 2) + "</td><td class=\"num\">" + optional_fixed(d.gap, 2) + "</td><td class=\"num\">" + std::to_string(d.pairs) + "</td>";
    if (weights) out += "<td class=\"num\">" + fixed(s.mean_weights[i], 1) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody></table></section>\n";
}

const char *quadrant_name(const Context &c, Quadrant q) {
  switch (q) {
    case Quadrant::concentrate_here: return c.tr("Concentrate here", "Concentrarse aquí");
    case Quadrant::keep_up_the_good_work: return c.tr("Keep up the good work", "Mantener el buen trabajo");
    case Quadrant::low_priority: return c.tr("Low priority", "Baja prioridad");
    case Quadrant::possible_overkill: return c.tr("Possible overkill", "Posible exceso");
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

void ipa_section(std::string &out, const Context &c) {
  if (!c.in.ipa) return;
  const IpaResult &r = *c.in.ipa;
  out += "<section id=\"ipa\"><h2>" + std::string(c.tr("Importance&ndash;performance analysis", "Análisis importancia&ndash;desempeño")) + "</h2>\n";
  out += "<p>" + std::string(c.tr("Respondents", "Encuestados")) + ": " + std::to_string(r.n) + " &middot; CSI<sub>ipa</sub>: " + optional_fixed(r.csi, 1) +
         " (" + c.tr("lowest possible", "mínimo posible") + " " + fixed(r.csi_floor, 1) + ") &middot; " + c.tr("cross-hairs at ", "ejes en ") +
         (r.crosshair == Crosshair::mean ? c.tr("the grand means", "las medias generales") : c.tr("the scale midpoint", "el punto medio de la escala")) + "</p>\n";
  std::vector<ScatterPoint> points;
  for (const auto &a : r.attributes) {
    if (!a.importance || !a.performance || !a.quadrant) continue;
    points.push_back({a.name, a.name + ": I " + fixed(*a.importance, 2) + ", P " + fixed(*a.performance, 2) + " (" + quadrant_name(c, *a.quadrant) + ")",
                      quadrant_colour(*a.quadrant), *a.performance, *a.importance});
  }
  if (points.empty() || !r.crosshair_importance || !r.crosshair_performance) {
    out += "<p class=\"note\">" + std::string(c.tr("No attribute has both means.", "Ningún atributo tiene ambas medias.")) + "</p></section>\n";
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
         quadrant_scatter(points, lo, hi, *r.crosshair_performance, *r.crosshair_importance, c.tr("performance", "desempeño"),
                          c.tr("importance", "importancia"), quadrants) +
         "<figcaption>" + c.tr("Mean importance against mean performance per attribute, scale ", "Importancia media frente a desempeño medio por atributo, escala ") +
         escape(to_string(r.scale)) + c.tr(" (axes zoomed to the data).", " (ejes ajustados a los datos).") + "</figcaption></figure>\n";
  out += "<table><thead><tr><th>" + std::string(c.tr("Attribute", "Atributo")) + "</th><th>" + c.tr("Importance", "Importancia") + "</th><th>" +
         c.tr("Performance", "Desempeño") + "</th><th>" + c.tr("Quadrant", "Cuadrante") + "</th></tr></thead><tbody>\n";
  for (const auto &a : r.attributes)
    out += "<tr><td>" + escape(a.name) + "</td><td class=\"num\">" + optional_fixed(a.importance, 2) + "</td><td class=\"num\">" +
           optional_fixed(a.performance, 2) + "</td><td>" + (a.quadrant ? quadrant_name(c, *a.quadrant) : "&ndash;") + "</td></tr>\n";
  out += "</tbody></table></section>\n";
}

// --- training plan per level ---------------------------------------------------------

void training_section(std::string &out, const Context &c) {
  if (!c.in.training) return;
  const TrainingResult &t = *c.in.training;
  out += "<section id=\"training\"><h2>" + std::string(c.tr("Training plan per level", "Plan de formación por nivel")) + "</h2>\n";
  out += "<p>" + std::to_string(t.needs.size()) + " " + c.tr("competency gaps of people against their positions", "brechas de competencias de las personas frente a sus puestos") +
         (t.uncovered ? " (" + std::to_string(t.uncovered) + " " + c.tr("with no module of the person's level", "sin módulo del nivel de la persona") + ")" : std::string()) +
         " &middot; " + c.tr("plan", "plan") + ": " + std::to_string(t.plan.size()) + " " + c.tr("enrolments", "inscripciones") + ", " + fixed(t.hours, 0) + " h, " +
         c.tr("cost", "coste") + " " + fixed(t.cost, 2) +
         (t.budget ? std::string(" (") + c.tr("budget", "presupuesto") + " " + fixed(*t.budget, 2) + "; " + c.tr("without limit", "sin límite") + ": " +
                         std::to_string(t.full_enrolments) + ", " + fixed(t.full_cost, 2) + ")"
                   : std::string()) +
         (t.impact_given ? "" : std::string(" &middot; ") + c.tr("every unit weighed alike (no CSI)", "todas las unidades con el mismo peso (sin CSI)")) + "</p>\n";
  if (t.plan.empty()) {
    out += "<p>" + std::string(c.tr("Nobody needs training for their position.", "Nadie necesita formación para su puesto.")) + "</p></section>\n";
    return;
  }
  std::vector<Bar> hours;
  for (const auto &l : t.by_level)
    hours.push_back({level_name(c, l.level), l.hours, fixed(l.hours, 0) + " h", "#4682b4",
                     std::string(level_name(c, l.level)) + ": " + std::to_string(l.people) + " " + c.tr("people", "personas") + ", " + fixed(l.cost, 2)});
  out += "<figure class=\"chart\" data-chart=\"training\">" + horizontal_bar_chart(hours, c.tr("training hours (per participant, summed)", "horas de formación (por participante, sumadas)")) +
         "</figure>\n";
  const auto &curriculum = curriculum_of(c.model, c.in.language);
  auto title_of = [&](const std::string &id) {
    for (const auto &m : curriculum)
      if (m.id == id) return m.title.empty() ? id : m.title;
    return id;
  };
  out += "<table><thead><tr><th>" + std::string(c.tr("Level", "Nivel")) + "</th><th>" + c.tr("People", "Personas") + "</th><th>" + c.tr("Enrolments", "Inscripciones") +
         "</th><th>" + c.tr("Hours", "Horas") + "</th><th>" + c.tr("Cost", "Coste") + "</th><th>" + c.tr("Modules (participants)", "Módulos (participantes)") + "</th></tr></thead><tbody>\n";
  for (const auto &l : t.by_level) {
    out += "<tr><td>" + std::string(level_name(c, l.level)) + "</td><td class=\"num\">" + std::to_string(l.people) + "</td><td class=\"num\">" + std::to_string(l.enrolments) +
           "</td><td class=\"num\">" + fixed(l.hours, 0) + "</td><td class=\"num\">" + fixed(l.cost, 2) + "</td><td>";
    for (std::size_t i = 0; i < l.modules.size(); ++i) out += (i ? "; " : "") + escape(title_of(l.modules[i].first)) + " (" + std::to_string(l.modules[i].second) + ")";
    out += "</td></tr>\n";
  }
  out += "</tbody></table></section>\n";
}

// --- improvement plans: Gantt chart -----------------------------------------------

void plan_section(std::string &out, const Context &c, const PlanReport &r) {
  const Plan &plan = *r.plan;
  const auto &s = r.selection;
  out += "<h3>" + escape(plan.name.empty() ? plan.id : plan.name) + " <small>(" + escape(plan.id) + ")</small></h3>\n";
  out += "<p>" + std::string(c.tr("Budget", "Presupuesto")) + ": " + fixed(s.budget, 2) + " &middot; " +
         c.tr("selected cost", "coste seleccionado") + ": " + fixed(s.cost, 2) +
         (s.over_budget ? std::string(" <strong>") + c.tr("(committed actions exceed the budget)", "(las acciones comprometidas superan el presupuesto)") + "</strong>" : "") +
         " &middot; CSI " + (s.csi_before ? fixed(*s.csi_before, 2) : "&ndash;") + " &rarr; " +
         (s.csi_after ? fixed(*s.csi_after, 2) : "&ndash;") + " &middot; " + c.tr("duration", "duración") + ": " +
         fixed(r.schedule.duration, 0) + " " + c.tr("days", "días") + "</p>\n";
  if (r.schedule.actions.empty()) {
    out += "<p>" + std::string(c.tr("Every action is done.", "Todas las acciones están hechas.")) + "</p>\n";
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
    row.tooltip = a.id + ": ES " + fixed(a.es, 0) + ", EF " + fixed(a.ef, 0) + ", LS " + fixed(a.ls, 0) + ", LF " + fixed(a.lf, 0) +
                  ", slack " + fixed(a.slack, 0) + (action ? std::string(", ") + std::string(to_string(action->stage)) : "");
    rows.push_back(std::move(row));
  }
  out += "<figure class=\"chart\" data-chart=\"gantt-" + escape(plan.id) + "\">" +
         gantt_chart(rows, r.schedule.duration, c.tr("days from the start", "días desde el inicio")) + "<figcaption>" +
         c.tr("Bars from earliest start to earliest finish; red: critical path (no slack); grey line: slack up to the latest "
              "finish; pale: not selected within the budget.",
              "Barras desde el inicio más temprano hasta el fin más temprano; rojo: ruta crítica (sin holgura); línea gris: "
              "holgura hasta el fin más tardío; pálidas: no elegidas con el presupuesto.");
  if (plan.start) out += std::string(" ") + c.tr("Day 0: ", "Día 0: ") + escape(*plan.start) + ".";
  out += "</figcaption></figure>\n<p>" + std::string(c.tr("Critical path", "Ruta crítica")) + ": ";
  for (std::size_t i = 0; i < r.schedule.critical_path.size(); ++i)
    out += (i ? " &rarr; " : "") + escape(r.schedule.critical_path[i]);
  out += "<br>" + std::string(c.tr("Progress", "Avance")) + ": ";
  for (std::size_t i = 0; i < r.progress.by_stage.size(); ++i)
    out += (i ? ", " : "") + std::string(to_string(static_cast<Stage>(i))) + " " + std::to_string(r.progress.by_stage[i]);
  out += " &middot; " + std::string(c.tr("overdue at ", "vencidas al ")) + escape(r.as_of) + ": ";
  if (r.progress.overdue.empty()) out += c.tr("none", "ninguna");
  for (std::size_t i = 0; i < r.progress.overdue.size(); ++i) out += (i ? ", " : "") + escape(r.progress.overdue[i]);
  out += "</p>\n";
}

void plans_section(std::string &out, const Context &c) {
  if (c.in.plans.empty()) return;
  out += "<section id=\"plans\"><h2>" + std::string(c.tr("Improvement plans", "Planes de mejora")) + "</h2>\n";
  for (const auto &r : c.in.plans)
    if (r.plan) plan_section(out, c, r);
  out += "</section>\n";
}

}  // namespace

std::string html_report(const HtmlReportInput &input) {
  if (!input.model || !input.graph || !input.chain) throw ArgumentError("html_report: the model, its graph and its chain analysis are required");
  const std::optional<CollapsedChain> collapsed = report_collapsed_view(input);
  Context c{input, *input.model, *input.chain, collapsed ? &*collapsed : nullptr};
  std::string out;
  out.reserve(1 << 16);
  std::string title = input.model->organization && !input.model->organization->name.empty() ? input.model->organization->name : "servicechain";
  out += std::string("<!DOCTYPE html>\n<html lang=\"") + (input.language == Language::es ? "es" : "en") +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         escape(title) + " &ndash; " + c.tr("service quality report", "informe de calidad de servicio") + "</title>\n<style>\n" +
         style_sheet() + "</style>\n</head>\n<body>\n";
  header(out, c);
  chain_section(out, c);
  impact_section(out, c);
  if (collapsed) group_impact_section(out, input, *collapsed);
  detail_sections(out, input, "<p class=\"legend\">" + quality_scale(c) + "</p>\n");
  servqual_section(out, c);
  ipa_section(out, c);
  training_section(out, c);
  plans_section(out, c);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace servicechain
