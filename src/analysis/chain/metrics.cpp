#include "servicechain/analysis/chain/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

#include "../../util/id_index.hpp"

namespace servicechain {

std::vector<WeakestLink> weakest_upstream(const Model &model, const ChainGraph &g, std::span<const double> s) {
  const std::size_t n = g.unit_count();
  const auto &unit = g.solver().order.unit;
  const auto &offsets = g.solver().inputs.offsets;
  const auto &sources = g.solver().inputs.sources;
  const auto &comps = g.solver().order.component_offsets;
  // Components in topological order: every unit of a component shares one answer,
  // the best of its own units and of the answers of the components serving it.
  // Answers are kept by position (value beside unit) so the common comparison
  // touches no model data; ids are compared only on equal values.
  std::vector<WeakestLink> best(n);
  auto improve = [&](WeakestLink &b, const WeakestLink &candidate) {
    if (candidate.quality < b.quality ||
        (candidate.quality == b.quality && candidate.unit != b.unit && model.units[candidate.unit].id < model.units[b.unit].id))
      b = candidate;
  };
  for (std::size_t c = 0; c + 1 < comps.size(); ++c) {
    const std::uint32_t begin = comps[c], end = comps[c + 1];
    WeakestLink b{unit[begin], s[unit[begin]]};
    for (auto p = begin; p < end; ++p) {
      improve(b, {unit[p], s[unit[p]]});
      for (auto e = offsets[p]; e < offsets[p + 1] && sources[e] < begin; ++e) improve(b, best[sources[e]]);
    }
    for (auto p = begin; p < end; ++p) best[p] = b;
  }
  std::vector<WeakestLink> out(n);
  for (std::size_t p = 0; p < n; ++p) out[unit[p]] = best[p];
  return out;
}

std::vector<std::optional<std::uint32_t>> customer_distance(const ChainGraph &g) {
  const std::size_t n = g.unit_count();
  auto offsets = g.in_offsets();
  auto sources = g.in_sources();
  constexpr std::uint32_t unreached = UINT32_MAX;
  std::vector<std::uint32_t> distance(n, unreached), queue;  // plain words: half the cache traffic of optionals
  queue.reserve(n);
  for (auto owner : g.moment_owner())
    if (distance[owner] == unreached) distance[owner] = 0, queue.push_back(owner);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const auto v = queue[head];
    const auto next = distance[v] + 1;
    for (auto e = offsets[v]; e < offsets[v + 1]; ++e)
      if (distance[sources[e]] == unreached) {
        distance[sources[e]] = next;
        queue.push_back(sources[e]);
      }
  }
  std::vector<std::optional<std::uint32_t>> out(n);
  for (std::size_t v = 0; v < n; ++v)
    if (distance[v] != unreached) out[v] = distance[v];
  return out;
}

std::vector<std::uint32_t> unit_layers(const Model &model) {
  const std::size_t n = model.units.size();
  const detail::IdIndex index(model.units, [](const Unit &u) -> std::string_view { return u.id; });
  std::vector<std::uint32_t> parent(n);
  for (std::size_t u = 0; u < n; ++u) {
    parent[u] = static_cast<std::uint32_t>(u);  // a root (or an unknown parent) points to itself
    if (const auto &p = model.units[u].parent)
      if (auto found = index.find(*p)) parent[u] = *found;
  }
  constexpr std::uint32_t unknown = UINT32_MAX;
  std::vector<std::uint32_t> depth(n, unknown), path;
  for (std::size_t start = 0; start < n; ++start) {
    // Walk up to a unit of known depth, then fill the path on the way back. The
    // step cap keeps a (validation-refused) cycle from hanging.
    std::uint32_t u = static_cast<std::uint32_t>(start);
    path.clear();
    while (depth[u] == unknown && parent[u] != u && path.size() <= n) {
      path.push_back(u);
      u = parent[u];
    }
    if (depth[u] == unknown) depth[u] = 0;
    for (auto i = path.size(); i-- > 0;) depth[path[i]] = depth[parent[path[i]]] + 1;
  }
  return depth;
}

std::vector<std::optional<double>> message_fidelity(std::span<const std::optional<std::uint32_t>> distance,
                                                    std::span<const std::uint32_t> layers, double f) {
  std::vector<std::optional<double>> out(distance.size());
  for (std::size_t v = 0; v < distance.size(); ++v)
    if (distance[v]) out[v] = std::pow(f, static_cast<double>(layers[v]) + static_cast<double>(*distance[v]));
  return out;
}

std::vector<std::optional<double>> internal_rating(const Model &model) {
  const std::size_t n = model.units.size();
  std::vector<std::optional<double>> out(n);
  // Many models rate no service: then no index of the units is needed.
  if (std::none_of(model.services.begin(), model.services.end(), [](const Service &s) { return s.rating.has_value(); }))
    return out;
  const detail::IdIndex index(model.units, [](const Unit &u) -> std::string_view { return u.id; });
  const auto &services = model.services;
  detail::BlockedLookup suppliers(index, services.size(), [&](std::size_t i) { return std::string_view(services[i].from); });
  std::vector<double> weighted(n, 0.0), weight(n, 0.0);
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Service &s = services[i];
    if (!s.rating) continue;
    const std::uint32_t from = suppliers.at(i);
    if (from == detail::IdIndex::not_found) continue;
    weighted[from] += s.weight * *s.rating;
    weight[from] += s.weight;
  }
  for (std::size_t u = 0; u < n; ++u)
    if (weight[u] > 0) out[u] = weighted[u] / weight[u];
  return out;
}

std::vector<std::optional<double>> rating_gap(std::span<const std::optional<double>> rating, std::span<const double> delivered) {
  std::vector<std::optional<double>> out(rating.size());
  for (std::size_t u = 0; u < rating.size(); ++u)
    if (rating[u]) out[u] = *rating[u] - delivered[u];
  return out;
}

std::vector<std::size_t> unit_headcount(const Model &model) {
  std::vector<std::size_t> count(model.units.size(), 0);
  if (model.people.empty()) return count;
  const detail::IdIndex index(model.units, [](const Unit &u) -> std::string_view { return u.id; });
  for (const Person &p : model.people)
    if (auto unit = index.find(p.unit)) ++count[*unit];
  return count;
}

SpanOfControl span_of_control(const Model &model) {
  const detail::IdIndex index(model.people, [](const Person &p) -> std::string_view { return p.id; });
  std::vector<std::size_t> reports(model.people.size(), 0);
  for (const Person &p : model.people)
    if (p.manager)
      if (auto manager = index.find(*p.manager)) ++reports[*manager];
  SpanOfControl out;
  std::size_t total = 0;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (reports[i] == 0) continue;
    out.managers.push_back({static_cast<std::uint32_t>(i), reports[i]});
    out.min = std::min(out.min.value_or(reports[i]), reports[i]);
    out.max = std::max(out.max.value_or(reports[i]), reports[i]);
    total += reports[i];
  }
  if (!out.managers.empty()) out.mean = static_cast<double>(total) / static_cast<double>(out.managers.size());
  return out;
}

}  // namespace servicechain
