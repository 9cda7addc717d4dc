#pragma once
// What the betweenness-estimate tests share: generated charts of both shapes,
// exact values to compare against, and the largest difference.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include "servicechain/analysis/chain/structure.hpp"
#include "servicechain/generate.hpp"

namespace servicechain::test {

/// `generate`'s chart: the local shape, or the giant component when `support_share` > 0.
inline Model generated_chart(std::size_t units, double support_share, std::uint64_t seed) {
  GenerateOptions o;
  o.units = units;
  o.seed = seed;
  o.support_share = support_share;
  return generate_organization(o);
}

/// Exact (Brandes) normalized betweenness of every unit.
inline std::vector<double> exact_betweenness(const ChainGraph &graph) {
  StructureOptions o;
  o.exact_betweenness = true;
  return analyze_structure(graph, o).betweenness;
}

/// The largest absolute difference between two vectors of the same length.
inline double max_error(const std::vector<double> &a, const std::vector<double> &b) {
  REQUIRE(a.size() == b.size());
  double worst = 0;
  for (std::size_t v = 0; v < a.size(); ++v) worst = std::max(worst, std::fabs(a[v] - b[v]));
  return worst;
}

}  // namespace servicechain::test
