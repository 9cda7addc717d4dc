#include "servicechain/analysis/chain/analyze.hpp"

#include <algorithm>
#include <functional>
#include <future>

#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/error.hpp"
#include "servicechain/log.hpp"
#include "servicechain/validate.hpp"

namespace servicechain {

ChainAnalysis analyze_chain(const Model &model, const ChainGraph &graph, const ChainAnalysisOptions &options) {
  logger()->debug("analysing the chain: {} units", graph.unit_count());
  ChainAnalysis a;
  a.model = options.model;
  // The structure (mostly betweenness) only reads the graph: it runs on its own
  // threads while this one does the chain analyses, so their single-threaded
  // time hides behind it. Async or, when no thread can start, on get(). A small
  // chart (the bundled hotel) costs microseconds: starting a thread would cost more.
  constexpr std::size_t thread_min_units = 2000;
  const auto policy = graph.unit_count() < thread_min_units ? std::launch::deferred
                                                             : std::launch::async | std::launch::deferred;
  auto structure = std::async(policy, [&graph, &options] { return analyze_structure(graph, options.structure); });
  auto intrinsic = intrinsic_quality_detail(model, people_fit(model), options.morale_cap);
  a.intrinsic = std::move(intrinsic.s);
  a.morale_ceiling = std::move(intrinsic.ceiling);
  a.capped = std::move(intrinsic.capped);
  a.propagation = propagate(graph, a.intrinsic, options.model, options.propagation);
  a.satisfaction = satisfaction(graph, a.propagation.delivered);
  a.impact = impact(graph, a.intrinsic, a.propagation.delivered, options.model, options.propagation);
  a.headcount = unit_headcount(model);
  a.impact_per_person = impact_per_person(a.impact.impact, a.headcount);
  a.morale_impact.resize(model.units.size());
  for (std::size_t u = 0; u < model.units.size(); ++u)
    a.morale_impact[u] = intrinsic.binds[u] ? a.impact.impact[u] : std::optional<double>(0.0);
  a.weakest_upstream = weakest_upstream(model, graph, a.intrinsic);
  a.customer_distance = customer_distance(graph);
  a.layers = unit_layers(model);
  a.message_fidelity = message_fidelity(a.customer_distance, a.layers, options.fidelity);
  a.internal_rating = internal_rating(model);
  a.rating_gap = rating_gap(a.internal_rating, a.propagation.delivered);
  a.span_of_control = span_of_control(model);
  logger()->debug("chain analyses done; waiting for the structure");
  a.structure = structure.get();
  logger()->debug("structure done");

  auto id_less = [&](std::uint32_t x, std::uint32_t y) { return model.units[x].id < model.units[y].id; };
  a.cycles_by_id = a.structure.cycles;
  for (auto &cycle : a.cycles_by_id) std::sort(cycle.begin(), cycle.end(), id_less);
  std::sort(a.cycles_by_id.begin(), a.cycles_by_id.end(),
            [&](const auto &x, const auto &y) { return id_less(x.front(), y.front()); });
  a.bridges_by_id = a.structure.bridges;
  for (auto &[x, y] : a.bridges_by_id)
    if (id_less(y, x)) std::swap(x, y);
  std::sort(a.bridges_by_id.begin(), a.bridges_by_id.end(), [&](const auto &x, const auto &y) {
    if (x.first != y.first) return id_less(x.first, y.first);
    return id_less(x.second, y.second);
  });
  return a;
}

ChainAnalysis analyze_chain(const Model &model, const ChainAnalysisOptions &options) {
  ChainGraph graph(model);
  return analyze_chain(model, graph, options);
}

UnitAnalysis unit_analysis(const ChainAnalysis &a, std::uint32_t u) {
  UnitAnalysis r;
  r.index = u;
  r.quality = a.intrinsic.at(u);
  r.morale_ceiling = a.morale_ceiling[u];
  r.capped = a.capped[u] != 0;
  r.delivered = a.propagation.delivered[u];
  r.impact = a.impact.impact[u];
  r.impact_per_person = a.impact_per_person[u];
  r.weakest_upstream = a.weakest_upstream[u];
  r.customer_distance = a.customer_distance[u];
  r.layers = a.layers[u];
  r.message_fidelity = a.message_fidelity[u];
  r.internal_rating = a.internal_rating[u];
  r.rating_gap = a.rating_gap[u];
  return r;
}

std::optional<UnitAnalysis> ChainAnalysis::unit(const Model &model, std::string_view id) const {
  for (std::uint32_t u = 0; u < model.units.size() && u < intrinsic.size(); ++u)
    if (model.units[u].id == id) return unit_analysis(*this, u);
  return std::nullopt;
}

ChainAnalysis analyze_checked(const Model &model, const ChainAnalysisOptions &options) {
  Diagnostics diagnostics = validate(model);
  if (!diagnostics.ok()) throw ValidationError(std::move(diagnostics));
  return analyze_chain(model, options);
}

void write_chain_analysis_json(JsonWriter &w, const Model &model, const ChainAnalysis &a) {
  write_chain_analysis_json(w, model, a, [](JsonWriter &) {});
}

void write_chain_analysis_json(JsonWriter &w, const Model &model, const ChainAnalysis &a,
                               const std::function<void(JsonWriter &)> &more_fields) {
  const auto &units = model.units;
  const auto &q = a.propagation.delivered;
  w.begin_object();
  w.field("model", to_string(a.model));
  w.field("csi", a.satisfaction.csi);
  w.key("units").begin_array();
  for (std::size_t u = 0; u < units.size(); ++u) {
    w.begin_object();
    w.field("id", units[u].id);
    w.field("quality", a.intrinsic[u]);
    w.field("morale_ceiling", a.morale_ceiling[u]);
    w.field("capped", a.capped[u] != 0);
    w.field("morale_impact", a.morale_impact[u]);
    w.field("message_fidelity", a.message_fidelity[u]);
    w.field("delivered", q[u]);
    w.field("impact", a.impact.impact[u]);
    w.field("impact_per_person", a.impact_per_person[u]);
    w.key("weakest_upstream")
        .begin_object()
        .field("unit", units[a.weakest_upstream[u].unit].id)
        .field("quality", a.weakest_upstream[u].quality)
        .end_object();
    if (a.customer_distance[u]) w.field("customer_distance", static_cast<std::uint64_t>(*a.customer_distance[u]));
    else w.key("customer_distance").null();
    w.field("layers", static_cast<std::uint64_t>(a.layers[u]));
    if (a.structure.betweenness.size() == units.size()) w.field("betweenness", a.structure.betweenness[u]);
    else w.key("betweenness").null();
    w.field("articulation", u < a.structure.articulation.size() && a.structure.articulation[u]);
    w.field("internal_rating", a.internal_rating[u]);
    w.field("rating_gap", a.rating_gap[u]);
    w.field("headcount", static_cast<std::uint64_t>(a.headcount[u]));
    w.end_object();
  }
  w.end_array();
  w.key("moments").begin_array();
  for (std::size_t m = 0; m < model.moments.size() && m < a.satisfaction.moment_quality.size(); ++m)
    w.begin_object().field("id", model.moments[m].id).field("quality", a.satisfaction.moment_quality[m]).end_object();
  w.end_array();
  w.key("segments").begin_array();
  for (std::size_t c = 0; c < model.segments.size(); ++c)
    w.begin_object().field("id", model.segments[c].id).field("satisfaction", a.satisfaction.segment_satisfaction[c]).end_object();
  w.end_array();
  w.key("cycles").begin_array();
  for (const auto &cycle : a.cycles_by_id) {
    w.begin_array();
    for (auto u : cycle) w.value(units[u].id);
    w.end_array();
  }
  w.end_array();
  w.key("bridges").begin_array();
  for (const auto &[x, y] : a.bridges_by_id) w.begin_array().value(units[x].id).value(units[y].id).end_array();
  w.end_array();
  w.field("betweenness_method", a.structure.betweenness_method);
  w.field("betweenness_sources", static_cast<std::uint64_t>(a.structure.betweenness_sources));
  const bool guaranteed = a.structure.betweenness_method == "paths" || a.structure.betweenness_method == "kadabra";
  if (guaranteed) w.field("betweenness_epsilon", a.structure.betweenness_epsilon);
  else w.key("betweenness_epsilon").null();
  if (guaranteed) w.field("betweenness_delta", a.structure.betweenness_delta);
  else w.key("betweenness_delta").null();
  w.field("betweenness_samples", static_cast<std::uint64_t>(a.structure.betweenness_samples));
  w.field("iterations", static_cast<std::uint64_t>(a.propagation.iterations));
  w.field("impact_iterations", static_cast<std::uint64_t>(a.impact.iterations));
  Convergence convergence = a.convergence();
  convergence.name(model);
  w.field("converged", convergence.converged);
  w.field("residual", std::max(a.propagation.residual, a.impact.residual));
  w.field("cyclic_components", static_cast<std::uint64_t>(a.propagation.cyclic_components));
  w.key("nearly_closed").begin_array();
  for (auto u : convergence.nearly_closed) w.value(units[u].id);
  w.end_array();
  const auto &span = a.span_of_control;
  w.key("span_of_control").begin_object();
  if (span.min) w.field("min", static_cast<std::uint64_t>(*span.min));
  else w.key("min").null();
  w.field("mean", span.mean);
  if (span.max) w.field("max", static_cast<std::uint64_t>(*span.max));
  else w.key("max").null();
  w.key("managers").begin_array();
  for (const auto &m : span.managers)
    w.begin_object()
        .field("id", model.people[m.person].id)
        .field("direct_reports", static_cast<std::uint64_t>(m.direct_reports))
        .end_object();
  w.end_array();
  w.end_object();
  more_fields(w);
  write_convergence_warnings(w, convergence);
  w.end_object();
}

Convergence ChainAnalysis::convergence() const {
  Convergence out;
  out.merge(propagation);
  out.merge(impact);
  return out;
}

std::string chain_analysis_json(const Model &model, const ChainAnalysis &analysis) {
  std::string out;
  JsonWriter w(out);
  write_chain_analysis_json(w, model, analysis);
  out.push_back('\n');
  return out;
}

}  // namespace servicechain
