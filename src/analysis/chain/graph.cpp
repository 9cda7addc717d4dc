#include "servicechain/analysis/chain/graph.hpp"

#include <algorithm>
#include <future>
#include <string_view>

#include "servicechain/io/archive.hpp"

#include "../../io/model_json_file.hpp"
#include "../../util/id_index.hpp"

namespace servicechain {

ChainGraph::ChainGraph(const Model &model) {
  const std::size_t n = model.units.size();
  const detail::IdIndex unit_index(model.units, [](const Unit &u) -> std::string_view { return u.id; });
  const detail::IdIndex segment_index(model.segments, [](const Segment &c) -> std::string_view { return c.id; });

  // Edges (to, from, weight), parallel services summed.
  struct Edge {
    std::uint32_t to, from;
    double weight;
  };
  std::vector<Edge> found;
  found.reserve(model.services.size());
  std::vector<std::uint32_t> row(n + 1, 0);
  const auto &services = model.services;
  detail::ServiceEnds ends(unit_index, services);
  for (std::size_t i = 0; i < services.size(); ++i) {
    const std::uint32_t f = ends.from(i), t = ends.to(i);
    if (f == detail::IdIndex::not_found || t == detail::IdIndex::not_found || f == t) continue;
    found.push_back({t, f, services[i].weight});
    ++row[t + 1];
  }
  // Sorted by (to, from): a counting sort by target (linear), then each short row by source.
  for (std::size_t v = 0; v < n; ++v) row[v + 1] += row[v];
  std::vector<Edge> edges(found.size());
  {
    std::vector<std::uint32_t> fill(row.begin(), row.end() - 1);
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

  in_offsets_.assign(n + 1, 0);
  out_offsets_.assign(n + 1, 0);
  input_weight_.assign(n, 0.0);
  in_sources_.resize(m);
  in_weights_.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    ++in_offsets_[edges[i].to + 1];
    ++out_offsets_[edges[i].from + 1];
    in_sources_[i] = edges[i].from;
    in_weights_[i] = edges[i].weight;
    input_weight_[edges[i].to] += edges[i].weight;
  }
  for (std::size_t v = 0; v < n; ++v) {
    in_offsets_[v + 1] += in_offsets_[v];
    out_offsets_[v + 1] += out_offsets_[v];
  }
  out_targets_.resize(m);
  out_weights_.resize(m);
  std::vector<std::uint32_t> fill(out_offsets_.begin(), out_offsets_.end() - 1);
  for (std::size_t i = 0; i < m; ++i) {  // edges are sorted by target, so each out-list is too
    auto at = fill[edges[i].from]++;
    out_targets_[at] = edges[i].to;
    out_weights_[at] = edges[i].weight;
  }

  scc_ = strongly_connected_components(out_offsets_, out_targets_);
  comp_offsets_.assign(scc_.count + 1, 0);
  for (auto c : scc_.component) ++comp_offsets_[c + 1];
  for (std::uint32_t c = 0; c < scc_.count; ++c) comp_offsets_[c + 1] += comp_offsets_[c];
  comp_units_.resize(n);
  std::vector<std::uint32_t> comp_fill(comp_offsets_.begin(), comp_offsets_.end() - 1);
  for (std::uint32_t v = 0; v < n; ++v) comp_units_[comp_fill[scc_.component[v]]++] = v;

  // Internal order: components in topological order (reverse of their ids).
  // Inside a strongly connected component, units follow a reverse postorder of a
  // depth-first search within it, so every service except the DFS back edges
  // runs forward: Gauss-Seidel then behaves almost like forward substitution,
  // whatever order the file lists the units in.
  topo_unit_.resize(n);
  topo_position_.resize(n);
  topo_comp_offsets_.assign(scc_.count + 1, 0);
  {
    std::vector<char> seen(n, 0);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;  // (unit, next out-edge)
    std::vector<std::uint32_t> postorder;
    std::uint32_t p = 0;
    for (std::uint32_t k = 0; k < scc_.count; ++k) {
      const std::uint32_t c = scc_.count - 1 - k;
      topo_comp_offsets_[k] = p;
      const auto first = comp_offsets_[c], last = comp_offsets_[c + 1];
      if (last - first == 1) {
        topo_unit_[p] = comp_units_[first];
        topo_position_[comp_units_[first]] = p++;
        continue;
      }
      postorder.clear();
      for (auto i = first; i < last; ++i) {
        if (seen[comp_units_[i]]) continue;
        seen[comp_units_[i]] = 1;
        stack.emplace_back(comp_units_[i], out_offsets_[comp_units_[i]]);
        while (!stack.empty()) {
          auto &[v, e] = stack.back();
          if (e < out_offsets_[v + 1]) {
            const auto w = out_targets_[e++];
            if (!seen[w] && scc_.component[w] == c) {
              seen[w] = 1;
              stack.emplace_back(w, out_offsets_[w]);
            }
          } else {
            postorder.push_back(v);
            stack.pop_back();
          }
        }
      }
      for (auto i = postorder.size(); i-- > 0;) {
        topo_unit_[p] = postorder[i];
        topo_position_[postorder[i]] = p++;
      }
    }
    topo_comp_offsets_[scc_.count] = p;
  }
  topo_in_offsets_.assign(n + 1, 0);
  topo_in_sources_.resize(m);
  topo_in_weights_.resize(m);
  topo_own_share_.resize(n);
  {
    std::vector<std::pair<std::uint32_t, double>> row;
    std::uint32_t at = 0;
    for (std::uint32_t p = 0; p < n; ++p) {
      const std::uint32_t v = topo_unit_[p];
      row.clear();
      for (auto e = in_offsets_[v]; e < in_offsets_[v + 1]; ++e) row.emplace_back(topo_position_[in_sources_[e]], in_weights_[e]);
      std::sort(row.begin(), row.end());
      for (const auto &[source, weight] : row) {
        topo_in_sources_[at] = source;
        topo_in_weights_[at++] = weight;
      }
      topo_in_offsets_[p + 1] = at;
      topo_own_share_[p] = 1.0 - input_weight_[v];  // not clamped: the formula uses 1 - W as is
    }
  }

  // Moments and the CSI gradient g_v. Importances are kept relative to the largest
  // of their segment and sizes relative to the largest segment: the CSI only uses
  // their ratios, and sums of values near 1e308 would overflow to inf.
  const std::size_t segments = model.segments.size();
  segment_importance_.assign(segments, 0.0);
  segment_size_.resize(segments);
  double largest_size = 0;
  for (std::size_t c = 0; c < segments; ++c) largest_size = std::max(largest_size, model.segments[c].size);
  for (std::size_t c = 0; c < segments; ++c)
    segment_size_[c] = largest_size > 0 ? model.segments[c].size / largest_size : model.segments[c].size;
  std::vector<double> largest_importance(segments, 0.0);
  for (const MomentOfTruth &x : model.moments) {
    auto o = unit_index.find(x.owner);
    auto c = segment_index.find(x.segment);
    if (!o || !c) continue;
    moment_owner_.push_back(*o);
    moment_segment_.push_back(*c);
    moment_importance_.push_back(x.importance);
    largest_importance[*c] = std::max(largest_importance[*c], x.importance);
  }
  for (std::size_t k = 0; k < moment_importance_.size(); ++k) {
    const double largest = largest_importance[moment_segment_[k]];
    if (largest > 0) moment_importance_[k] /= largest;
    segment_importance_[moment_segment_[k]] += moment_importance_[k];
  }
  for (std::size_t c = 0; c < segments; ++c)
    if (segment_importance_[c] > 0) covered_size_ += segment_size_[c];
  csi_gradient_.assign(n, 0.0);
  if (covered_size_ > 0)
    for (std::size_t k = 0; k < moment_owner_.size(); ++k) {
      auto c = moment_segment_[k];
      csi_gradient_[moment_owner_[k]] +=
          100.0 * (segment_size_[c] / covered_size_) * (moment_importance_[k] / segment_importance_[c]);
    }
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
