// servicechain analyze MODEL [--model linear|geometric] [--json] [--dot FILE]
//   [--fidelity F] [--exact-betweenness | --no-betweenness | --betweenness-estimate paths|kadabra|sampled]
//   [--betweenness-epsilon E] [--betweenness-delta D] [--far N] [--group-depth D | --group-max N]
//   [--no-morale-cap]
// Propagation, CSI, impact, weakest links, distances and structure of the chain.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <ostream>
#include <sstream>

#include "cli.hpp"
#include "servicechain/analysis/chain/analyze.hpp"
#include "servicechain/analysis/chain/collapse.hpp"
#include "servicechain/analysis/chain/dot.hpp"
#include "servicechain/io/files.hpp"

namespace servicechain::cli {

namespace {

// `value` with `digits` decimals, with a decimal comma in Spanish (73,2).
std::string number(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  std::string s = buffer;
  if (global().language() == Language::es) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// A unit's name for people (its id when it has none).
std::string_view unit_name(const Unit &unit) { return unit.name.empty() ? unit.id : unit.name; }

std::string unit_label(const Model &model, std::uint32_t u) {
  const Unit &unit = model.units[u];
  if (unit.name.empty() || unit.name == unit.id) return unit.id;
  return unit.name + " (" + unit.id + ")";
}

// Units ranked by impact, largest first (ties: id in byte order); null impacts left out.
std::vector<std::uint32_t> by_impact(const Model &model, const ChainAnalysis &a) {
  std::vector<std::uint32_t> order;
  for (std::uint32_t u = 0; u < model.units.size(); ++u)
    if (a.impact.impact[u]) order.push_back(u);
  std::sort(order.begin(), order.end(), [&](auto x, auto y) {
    if (*a.impact.impact[x] != *a.impact.impact[y]) return *a.impact.impact[x] > *a.impact.impact[y];
    return model.units[x].id < model.units[y].id;
  });
  return order;
}

struct WeakLink {
  std::uint32_t unit;
  std::size_t downstream;  // other units whose weakest upstream unit it is
};

// Units that are the weakest link upstream of at least one other unit, weakest first.
std::vector<WeakLink> weak_links(const Model &model, const ChainAnalysis &a) {
  std::vector<std::size_t> count(model.units.size(), 0);
  for (std::uint32_t v = 0; v < model.units.size(); ++v)
    if (a.weakest_upstream[v].unit != v) ++count[a.weakest_upstream[v].unit];
  std::vector<WeakLink> out;
  for (std::uint32_t u = 0; u < model.units.size(); ++u)
    if (count[u] > 0) out.push_back({u, count[u]});
  std::sort(out.begin(), out.end(), [&](const WeakLink &x, const WeakLink &y) {
    if (a.intrinsic[x.unit] != a.intrinsic[y.unit]) return a.intrinsic[x.unit] < a.intrinsic[y.unit];
    return model.units[x.unit].id < model.units[y.unit].id;
  });
  return out;
}

void print_top_impact(std::ostream &out, const Model &model, const ChainAnalysis &a, std::size_t limit) {
  out << msg("cli.analyze.improve_first_csi_points_per_1")
      << "\n";
  auto order = by_impact(model, a);
  if (order.empty()) out << "  " << msg("cli.analyze.no_impact_the_csi_is_undefined") << "\n";
  for (std::size_t i = 0; i < order.size() && i < limit; ++i) {
    auto u = order[i];
    out << "  " << (i + 1) << ". " << unit_label(model, u) << ": " << msg("cli.analyze.impact") << " "
        << number(*a.impact.impact[u], 2);
    if (a.impact_per_person[u]) out << ", " << msg("cli.analyze.per_person") << " " << number(*a.impact_per_person[u], 2);
    out << " (s " << number(a.intrinsic[u], 3) << ", q " << number(a.propagation.delivered[u], 3) << ")\n";
  }
}

void print_weak_links(std::ostream &out, const Model &model, const ChainAnalysis &a, std::size_t limit) {
  auto links = weak_links(model, a);
  out << msg("cli.analyze.weakest_links_lowest_own_quality_upstream")
      << "\n";
  if (links.empty()) out << "  " << msg("cli.analyze.none") << "\n";
  for (std::size_t i = 0; i < links.size() && i < limit; ++i)
    out << "  " << unit_label(model, links[i].unit) << ": s " << number(a.intrinsic[links[i].unit], 3) << ", "
        << msg("cli.analyze.weakest_upstream_of") << " " << links[i].downstream << " "
        << (links[i].downstream == 1 ? msg("cli.analyze.unit") : msg("cli.analyze.units")) << "\n";
}

// Units whose people's morale × fit caps their quality (§2), largest morale impact first.
void print_morale_ceiling(std::ostream &out, const Model &model, const ChainAnalysis &a) {
  std::vector<std::uint32_t> capped;
  for (std::uint32_t u = 0; u < model.units.size(); ++u)
    if (a.capped[u]) capped.push_back(u);
  std::sort(capped.begin(), capped.end(), [&](auto x, auto y) {
    double ix = a.morale_impact[x].value_or(0.0), iy = a.morale_impact[y].value_or(0.0);
    return ix != iy ? ix > iy : model.units[x].id < model.units[y].id;
  });
  out << msg("cli.analyze.morale_ceiling_units_whose_quality_is");
  if (capped.empty()) out << " " << msg("cli.analyze.none_2");
  out << "\n";
  for (std::size_t i = 0; i < capped.size() && i < 10; ++i) {
    auto u = capped[i];
    out << "  " << unit_label(model, u) << ": " << msg("cli.analyze.quality") << " " << number(*model.units[u].quality, 3)
        << ", " << msg("cli.analyze.ceiling") << " " << number(*a.morale_ceiling[u], 3) << "; "
        << msg("cli.analyze.csi_points_per_1_of_the") << " "
        << (a.morale_impact[u] ? number(*a.morale_impact[u], 2) : std::string("-")) << "\n";
  }
  if (!capped.empty())
    out << "  " << msg("cli.analyze.raising_one_person_s_morale_by")
        << "\n";
}

void print_readable(std::ostream &out, const Model &model, const ChainAnalysis &a, std::size_t far) {
  const auto &units = model.units;
  print_convergence(out, a.convergence());
  out << msg("cli.analyze.customer_satisfaction_index") << " (" << msg("report." + std::string(to_string(a.model))) << "): ";
  if (a.satisfaction.csi) out << number(*a.satisfaction.csi, 1) << " / 100\n";
  else out << msg("cli.analyze.undefined_no_segment_has_moments_of") << "\n";
  for (std::size_t c = 0; c < model.segments.size(); ++c)
    if (a.satisfaction.segment_satisfaction[c])
      out << "  " << (model.segments[c].name.empty() ? model.segments[c].id : model.segments[c].name) << ": "
          << number(*a.satisfaction.segment_satisfaction[c], 3) << "\n";
  out << "\n";
  print_top_impact(out, model, a, 10);
  out << "\n";
  print_weak_links(out, model, a, 10);
  out << "\n";
  print_morale_ceiling(out, model, a);
  out << "\n";

  std::vector<std::uint32_t> lost, distant;
  for (std::uint32_t u = 0; u < units.size(); ++u) {
    if (!a.customer_distance[u]) lost.push_back(u);
    else if (*a.customer_distance[u] >= far) distant.push_back(u);
  }
  out << msg("cli.analyze.units_with_no_path_to_a") << " ";
  if (lost.empty()) out << msg("cli.analyze.none_2");
  for (std::size_t i = 0; i < lost.size(); ++i) out << (i ? ", " : "") << unit_label(model, lost[i]);
  out << "\n";

  out << msg("cli.analyze.circular_dependencies") << " ";
  if (a.cycles_by_id.empty()) out << msg("cli.analyze.none_2");
  else out << a.cycles_by_id.size();
  out << "\n";
  for (const auto &cycle : a.cycles_by_id) {
    out << "  ";
    for (std::size_t i = 0; i < cycle.size(); ++i) out << (i ? ", " : "") << unit_name(units[cycle[i]]);
    out << "\n";
  }

  out << msg("cli.analyze.single_points_of_failure_units_whose")
      << " ";
  bool any = false;
  for (std::uint32_t u = 0; u < units.size(); ++u)
    if (u < a.structure.articulation.size() && a.structure.articulation[u])
      out << (any ? ", " : "") << unit_name(units[u]), any = true;
  if (!any) out << msg("cli.analyze.none_3");
  out << "\n";
  out << msg("cli.analyze.services_whose_loss_splits_the_chain") << " ";
  if (a.bridges_by_id.empty()) out << msg("cli.analyze.none_3");
  for (std::size_t i = 0; i < a.bridges_by_id.size(); ++i)
    out << (i ? ", " : "") << unit_name(units[a.bridges_by_id[i].first]) << " - " << unit_name(units[a.bridges_by_id[i].second]);
  out << "\n";

  out << msg("cli.analyze.far_from_customers") << " (>= " << far << " "
      << msg("cli.analyze.services_away_suggest_meeting_customers_a")
      << "): ";
  if (distant.empty()) out << msg("cli.analyze.none_2");
  out << "\n";
  if (!distant.empty()) {
    // mean customer contacts per year of each unit's people: the remedy DESIGN §1 names
    std::map<std::string_view, std::pair<double, std::size_t>> contacts;
    for (const Person &p : model.people) {
      auto &[sum, count] = contacts[p.unit];
      sum += p.customer_contacts_per_year;
      ++count;
    }
    for (auto u : distant) {
      out << "  " << unit_label(model, u) << ": " << *a.customer_distance[u];
      if (auto it = contacts.find(units[u].id); it != contacts.end())
        out << " (" << msg("cli.analyze.people_meet_customers") << " "
            << number(it->second.first / static_cast<double>(it->second.second), 1) << " "
            << msg("cli.analyze.times_a_year_on_average") << ")";
      out << "\n";
    }
  }

  // Where internal customers' ratings and the model disagree most (|gap| >= 0.05).
  std::vector<std::uint32_t> gaps;
  for (std::uint32_t u = 0; u < units.size(); ++u)
    if (a.rating_gap[u] && std::fabs(*a.rating_gap[u]) >= 0.05) gaps.push_back(u);
  std::sort(gaps.begin(), gaps.end(), [&](auto x, auto y) {
    if (std::fabs(*a.rating_gap[x]) != std::fabs(*a.rating_gap[y])) return std::fabs(*a.rating_gap[x]) > std::fabs(*a.rating_gap[y]);
    return units[x].id < units[y].id;
  });
  out << msg("cli.analyze.internal_ratings_that_disagree_with_the")
      << " ";
  if (gaps.empty()) out << msg("cli.analyze.none_2");
  out << "\n";
  for (std::size_t i = 0; i < gaps.size() && i < 10; ++i)
    out << "  " << unit_label(model, gaps[i]) << ": " << (*a.rating_gap[gaps[i]] > 0 ? "+" : "")
        << number(*a.rating_gap[gaps[i]], 3) << " (" << msg("cli.analyze.rated") << " " << number(*a.internal_rating[gaps[i]], 3)
        << ", q " << number(a.propagation.delivered[gaps[i]], 3) << ")\n";

  const auto &span = a.span_of_control;
  out << msg("cli.analyze.span_of_control_direct_reports_per") << " ";
  if (span.managers.empty()) out << msg("cli.analyze.no_managers") << "\n";
  else
    out << "min " << *span.min << ", " << msg("cli.analyze.mean") << " " << number(*span.mean, 1) << ", max " << *span.max
        << " (" << span.managers.size() << " " << msg("cli.analyze.managers") << ")\n";
}

// The collapsed view (--group-depth / --group-max): every group, then the heaviest links between groups.
void print_groups(std::ostream &out, const Model &model, const CollapsedChain &c) {
  out << "\n" << msg("cli.analyze.groups_at_depth") << c.depth << " (" << c.groups.size() << " "
      << msg("cli.analyze.groups_of") << model.units.size() << " " << msg("cli.analyze.units") << "; "
      << msg("cli.analyze.s_and_q_are_means_impact") << "):\n";
  for (const auto &g : c.groups) {
    out << "  " << unit_label(model, g.root) << ": " << g.units << " " << (g.units == 1 ? msg("cli.analyze.unit") : msg("cli.analyze.units"))
        << ", " << g.headcount << " " << msg("cli.analyze.people") << ", s " << number(g.quality, 3) << ", q "
        << number(g.delivered, 3) << ", " << msg("cli.analyze.impact") << " " << (g.impact ? number(*g.impact, 2) : "-")
        << ", " << msg("cli.analyze.weakest") << " " << unit_name(model.units[g.weakest]) << " (s " << number(g.weakest_quality, 3) << ")\n";
  }
  std::vector<const ChainGroupLink *> between;
  for (const auto &link : c.links)
    if (link.from != link.to) between.push_back(&link);
  std::stable_sort(between.begin(), between.end(), [](auto x, auto y) { return x->weight > y->weight; });
  out << msg("cli.analyze.heaviest_links_between_groups_services_total")
      << (between.empty() ? std::string(" ") + msg("cli.analyze.none_3") : std::string()) << "\n";
  for (std::size_t i = 0; i < between.size() && i < 10; ++i)
    out << "  " << unit_name(model.units[c.groups[between[i]->from].root]) << " -> " << unit_name(model.units[c.groups[between[i]->to].root]) << ": "
        << between[i]->services << ", " << number(between[i]->weight, 2) << "\n";
}

void setup(CLI::App &app) {
  auto *cmd = app.add_subcommand("analyze");
  struct Options {
    std::string file, model = "linear", dot;
    std::string estimate = "paths";
    bool json = false, exact = false, no_betweenness = false, trusted = false, no_morale_cap = false;
    double fidelity = 0.9, epsilon = 0.01, delta = 0.1;
    std::size_t far = 3;
    std::optional<std::uint32_t> group_depth;
    std::optional<std::size_t> group_max;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("model_file", o->file)->required();
  cmd->add_option("--model", o->model)->check(CLI::IsMember({"linear", "geometric"}));
  cmd->add_flag("--json", o->json);
  output_file(cmd->add_option("--dot", o->dot));
  cmd->add_option("--fidelity", o->fidelity);
  auto *exact = cmd->add_flag("--exact-betweenness", o->exact);
  cmd->add_flag("--no-betweenness", o->no_betweenness)
      ->excludes(exact);
  cmd->add_option("--betweenness-estimate", o->estimate)
      ->check(CLI::IsMember({"paths", "kadabra", "sampled"}))->excludes(exact);
  cmd->add_option("--betweenness-epsilon", o->epsilon)
      ->check(CLI::Range(1e-3, 0.5))->excludes(exact);
  cmd->add_option("--betweenness-delta", o->delta)
      ->check(CLI::Range(1e-9, 0.5))->excludes(exact);
  cmd->add_option("--far", o->far)
      ->check(whole_number());
  auto *depth = cmd->add_option("--group-depth", o->group_depth)
                     ->check(whole_number(0, UINT32_MAX));
  cmd->add_option("--group-max", o->group_max)
      ->check(whole_number(1))
      ->excludes(depth);
  cmd->add_flag("--trusted", o->trusted);
  add_morale_cap_option(cmd, o->no_morale_cap);
  cmd->callback([cmd, o] {
    if (!(o->fidelity >= 0 && o->fidelity <= 1)) throw usage_error("cli.usage.share", {"--fidelity"});
    // Named members, not a structured binding: clang 14 cannot capture one in a lambda.
    const ModelAndGraph loaded = load_model_and_graph_file(o->file, o->trusted);
    if (o->json && o->dot.empty()) return run_json(*cmd, "analyze", {.model = &loaded});
    const Model &model = loaded.model;
    const ChainGraph &graph = loaded.graph;
    ChainAnalysisOptions options;
    options.model = *parse_propagation_model(o->model);
    options.fidelity = o->fidelity;
    options.propagation = global().solver;
    options.morale_cap = !o->no_morale_cap;
    options.structure.exact_betweenness = o->exact;
    options.structure.betweenness = !o->no_betweenness;
    options.structure.estimate = o->estimate == "sampled"   ? BetweennessEstimate::sources
                                 : o->estimate == "kadabra" ? BetweennessEstimate::kadabra
                                                            : BetweennessEstimate::paths;
    options.structure.epsilon = o->epsilon;
    options.structure.delta = o->delta;
    ChainAnalysis analysis = analyze_chain(model, graph, options);
    std::optional<CollapsedChain> collapsed;
    try {
      collapsed = collapse_for_request(model, graph, analysis, {o->group_depth, o->group_max});
    } catch (const ArgumentError &e) {
      throw usage_error("cli.error.invalid", {"--group-max", e.what()});  // the library's reason stays English
    }
    if (!o->dot.empty())
      write_file_atomic(o->dot, collapsed ? collapsed_to_dot(model, graph, *collapsed)
                                          : to_dot(model, graph, analysis.propagation.delivered));
    if (o->json) {
      run_json(*cmd, "analyze", {.model = &loaded});  // the DOT file is the CLI's; the JSON is run()'s
    } else {
      std::ostringstream out;
      print_readable(out, model, analysis, o->far);
      if (collapsed) print_groups(out, model, *collapsed);
      emit(out.str());
    }
  });
}

SERVICECHAIN_COMMAND(30, setup);

void impact_section(const Model &model, Language, std::ostream &out) {
  ChainAnalysisOptions options;
  options.structure.betweenness = false;
  ChainAnalysis analysis = analyze_chain(model, options);
  print_convergence(out, analysis.convergence());
  print_top_impact(out, model, analysis, 5);
  out << "\n";
  print_weak_links(out, model, analysis, 5);
  out << "\n";
}
SERVICECHAIN_DEMO_SECTION(110, impact_section);

}  // namespace
}  // namespace servicechain::cli
