#include "servicechain/analysis/chain/graph.hpp"

#include <algorithm>
#include <future>
#include <string_view>

#include "servicechain/io/archive.hpp"

#include "../../io/model_json_file.hpp"
#include "../../util/id_index.hpp"

namespace servicechain {

namespace {

using Ids = std::vector<std::uint32_t>;
using detail::Adjacency;
using detail::Components;
using detail::CsiWeights;
using detail::SweepInputs;
using detail::SweepOrder;

struct Edge {
  std::uint32_t to, from;
  double weight;
};

/// The services between two known, different units as edges sorted by (to,
/// from), parallel ones summed: a counting sort by target (linear), then each
/// short row by source.
std::vector<Edge> sorted_edges(const Model &model, const detail::IdIndex &unit_index) {
  const std::size_t n = model.units.size();
  std::vector<Edge> found;
  found.reserve(model.services.size());
  Ids row(n + 1, 0);
  const auto &services = model.services;
  detail::ServiceEnds ends(unit_index, services);
  for (std::size_t i = 0; i < services.size(); ++i) {
    const std::uint32_t f = ends.from(i), t = ends.to(i);
    if (f == detail::IdIndex::not_found || t == detail::IdIndex::not_found || f == t) continue;
    found.push_back({t, f, services[i].weight});
    ++row[t + 1];
  }
  for (std::size_t v = 0; v < n; ++v) row[v + 1] += row[v];
  std::vector<Edge> edges(found.size());
  {
    Ids fill(row.begin(), row.end() - 1);
    for (const Edge &e : found) edges[fill[e.to]++] = e;
  }
  std::vector<Edge>().swap(found);
  for (std::size_t v = 0; v < n; ++v)
    if (row[v + 1] - row[v] > 1)
      std::sort(edges.begin() + row[v], edges.begin() + row[v + 1], [](const Edge &a, const Edge &b) { return a.from < b.from; });
  std::size_t m = 0;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (m > 0 && edges[m - 1].to == edges[i].to && edges[m - 1].from == edges[i].from) edges[m - 1].weight += edges[i].weight;
    else edges[m++] = edges[i];
  }
  edges.resize(m);
  return edges;
}

Adjacency adjacency(std::size_t n, const std::vector<Edge> &edges) {
  const std::size_t m = edges.size();
  Adjacency a;
  a.in_offsets.assign(n + 1, 0);
  a.out_offsets.assign(n + 1, 0);
  a.input_weight.assign(n, 0.0);
  a.in_sources.resize(m);
  a.in_weights.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    ++a.in_offsets[edges[i].to + 1];
    ++a.out_offsets[edges[i].from + 1];
    a.in_sources[i] = edges[i].from;
    a.in_weights[i] = edges[i].weight;
    a.input_weight[edges[i].to] += edges[i].weight;
  }
  for (std::size_t v = 0; v < n; ++v) {
    a.in_offsets[v + 1] += a.in_offsets[v];
    a.out_offsets[v + 1] += a.out_offsets[v];
  }
  a.out_targets.resize(m);
  a.out_weights.resize(m);
  Ids fill(a.out_offsets.begin(), a.out_offsets.end() - 1);
  for (std::size_t i = 0; i < m; ++i) {  // edges are sorted by target, so each out-list is too
    auto at = fill[edges[i].from]++;
    a.out_targets[at] = edges[i].to;
    a.out_weights[at] = edges[i].weight;
  }
  return a;
}

/// The units of each component, component by component.
Components group_by_component(SccResult scc) {
  Components c;
  const std::size_t n = scc.component.size();
  c.offsets.assign(scc.count + 1, 0);
  for (auto k : scc.component) ++c.offsets[k + 1];
  for (std::uint32_t k = 0; k < scc.count; ++k) c.offsets[k + 1] += c.offsets[k];
  c.units.resize(n);
  Ids fill(c.offsets.begin(), c.offsets.end() - 1);
  for (std::uint32_t v = 0; v < n; ++v) c.units[fill[scc.component[v]]++] = v;
  c.scc = std::move(scc);
  return c;
}

/// The internal sweep order: components in topological order (reverse of
/// their ids). Inside a strongly connected component, units follow a reverse
/// postorder of a depth-first search within it, so every service except the
/// DFS back edges runs forward: Gauss-Seidel then behaves almost like forward
/// substitution, whatever order the file lists the units in.
SweepOrder sweep_order(const Components &components, const Adjacency &a) {
  const SccResult &scc = components.scc;
  const Ids &comp_offsets = components.offsets, &comp_units = components.units;
  const Ids &out_offsets = a.out_offsets, &out_targets = a.out_targets;
  const std::size_t n = comp_units.size();
  SweepOrder order;
  Ids &topo_unit = order.unit, &topo_position = order.position, &topo_comp_offsets = order.component_offsets;
  topo_unit.resize(n);
  topo_position.resize(n);
  topo_comp_offsets.assign(scc.count + 1, 0);
  std::vector<char> seen(n, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;  // (unit, next out-edge)
  Ids postorder;
  std::uint32_t p = 0;
  for (std::uint32_t k = 0; k < scc.count; ++k) {
    const std::uint32_t c = scc.count - 1 - k;
    topo_comp_offsets[k] = p;
    const auto first = comp_offsets[c], last = comp_offsets[c + 1];
    if (last - first == 1) {
      topo_unit[p] = comp_units[first];
      topo_position[comp_units[first]] = p++;
      continue;
    }
    postorder.clear();
    for (auto i = first; i < last; ++i) {
      if (seen[comp_units[i]]) continue;
      seen[comp_units[i]] = 1;
      stack.emplace_back(comp_units[i], out_offsets[comp_units[i]]);
      while (!stack.empty()) {
        auto &[v, e] = stack.back();
        if (e < out_offsets[v + 1]) {
          const auto w = out_targets[e++];
          if (!seen[w] && scc.component[w] == c) {
            seen[w] = 1;
            stack.emplace_back(w, out_offsets[w]);
          }
        } else {
          postorder.push_back(v);
          stack.pop_back();
        }
      }
    }
    for (auto i = postorder.size(); i-- > 0;) {
      topo_unit[p] = postorder[i];
      topo_position[postorder[i]] = p++;
    }
  }
  topo_comp_offsets[scc.count] = p;
  return order;
}

/// Inputs by sweep position (see SweepInputs).
SweepInputs sweep_inputs(const Adjacency &a, const SweepOrder &order) {
  const Ids &topo_unit = order.unit, &topo_position = order.position;
  const std::size_t n = topo_unit.size(), m = a.in_sources.size();
  SweepInputs in;
  in.offsets.assign(n + 1, 0);
  in.sources.resize(m);
  in.weights.resize(m);
  in.own_share.resize(n);
  std::vector<std::pair<std::uint32_t, double>> row;
  std::uint32_t at = 0;
  for (std::uint32_t p = 0; p < n; ++p) {
    const std::uint32_t v = topo_unit[p];
    row.clear();
    for (auto e = a.in_offsets[v]; e < a.in_offsets[v + 1]; ++e) row.emplace_back(topo_position[a.in_sources[e]], a.in_weights[e]);
    std::sort(row.begin(), row.end());
    for (const auto &[source, weight] : row) {
      in.sources[at] = source;
      in.weights[at++] = weight;
    }
    in.offsets[p + 1] = at;
    in.own_share[p] = 1.0 - a.input_weight[v];  // not clamped: the formula uses 1 - W as is
  }
  return in;
}

/// Moments and the CSI gradient g_v (see CsiWeights).
CsiWeights csi_weights(const Model &model, const detail::IdIndex &unit_index, const detail::IdIndex &segment_index) {
  CsiWeights w;
  const std::size_t segments = model.segments.size();
  w.segment_importance.assign(segments, 0.0);
  w.segment_size.resize(segments);
  double largest_size = 0;
  for (std::size_t c = 0; c < segments; ++c) largest_size = std::max(largest_size, model.segments[c].size);
  for (std::size_t c = 0; c < segments; ++c)
    w.segment_size[c] = largest_size > 0 ? model.segments[c].size / largest_size : model.segments[c].size;
  std::vector<double> largest_importance(segments, 0.0);
  for (const MomentOfTruth &x : model.moments) {
    auto o = unit_index.find(x.owner);
    auto c = segment_index.find(x.segment);
    if (!o || !c) continue;
    w.moment_owner.push_back(*o);
    w.moment_segment.push_back(*c);
    w.moment_importance.push_back(x.importance);
    largest_importance[*c] = std::max(largest_importance[*c], x.importance);
  }
  for (std::size_t k = 0; k < w.moment_importance.size(); ++k) {
    const double largest = largest_importance[w.moment_segment[k]];
    if (largest > 0) w.moment_importance[k] /= largest;
    w.segment_importance[w.moment_segment[k]] += w.moment_importance[k];
  }
  for (std::size_t c = 0; c < segments; ++c)
    if (w.segment_importance[c] > 0) w.covered_size += w.segment_size[c];
  w.gradient.assign(model.units.size(), 0.0);
  if (w.covered_size > 0)
    for (std::size_t k = 0; k < w.moment_owner.size(); ++k) {
      auto c = w.moment_segment[k];
      w.gradient[w.moment_owner[k]] +=
          100.0 * (w.segment_size[c] / w.covered_size) * (w.moment_importance[k] / w.segment_importance[c]);
    }
  return w;
}

}  // namespace

ChainGraph::ChainGraph(const Model &model) {
  const detail::IdIndex unit_index(model.units, [](const Unit &u) -> std::string_view { return u.id; });
  const detail::IdIndex segment_index(model.segments, [](const Segment &c) -> std::string_view { return c.id; });

  arrays_.services = adjacency(model.units.size(), sorted_edges(model, unit_index));
  arrays_.components =
      group_by_component(strongly_connected_components(arrays_.services.out_offsets, arrays_.services.out_targets));
  arrays_.order = sweep_order(arrays_.components, arrays_.services);
  arrays_.inputs = sweep_inputs(arrays_.services, arrays_.order);
  arrays_.csi = csi_weights(model, unit_index, segment_index);
}

ModelAndGraph load_model_and_graph(const std::filesystem::path &file, Diagnostics *warnings, bool trusted,
                                   const ReadLimits &limits) {
  if (archive_format_for_extension(file.extension().string())) {
    Model model = load_model(file, warnings, trusted, limits);
    ChainGraph graph(model);
    return {std::move(model), std::move(graph)};
  }
  Diagnostics diagnostics;
  Model model = parse_model_file(file, diagnostics, limits);
  // Declared after `model`: destroyed (and so joined) before it, even when
  // validation throws.
  auto graph = std::async(std::launch::async, [&model] { return ChainGraph(model); });
  finish_loading(model, std::move(diagnostics), warnings, file.string());
  ChainGraph built = graph.get();
  return {std::move(model), std::move(built)};
}

}  // namespace servicechain
