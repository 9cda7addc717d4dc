#pragma once
// Structure of the internal customer chain (§4.4): circular dependencies,
// articulation points and bridges of the undirected simple graph, directed
// betweenness centrality. Units are indices in model order. Details and the
// NetworkX equivalence: docs/structure.md.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"

namespace servicechain {

/// Options of analyze_structure (betweenness exact or sampled).
struct StructureOptions {
  bool betweenness = true;         ///< false: skip betweenness (the costly part)
  bool exact_betweenness = false;  ///< exact even above exact_limit
  std::size_t exact_limit = 5000;  ///< exact when unit_count() <= exact_limit
  std::size_t samples = 256;       ///< sampled sources k above exact_limit
  std::uint64_t seed = 42;         ///< fixed seed of the source sample
};

/// Structure of the chain (§4.4): cycles, articulation points, bridges, betweenness.
struct StructureResult {
  /// Strongly connected components of size >= 2, each as ascending unit
  /// indices; components ordered by their smallest index.
  std::vector<std::vector<std::uint32_t>> cycles;
  /// Articulation points of the undirected simple graph, one flag per unit.
  std::vector<bool> articulation;
  /// Bridges of the undirected simple graph as (smaller, larger) index pairs, sorted.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> bridges;
  /// Directed betweenness normalized by 1/((n-1)(n-2)) (all 0 when n < 3);
  /// empty when options.betweenness is false.
  std::vector<double> betweenness;
  std::string betweenness_method;     ///< "exact", "sampled", or "none"
  std::size_t betweenness_sources = 0;  ///< sources used by Brandes' algorithm
};

/// Circular dependencies, articulation points, bridges and betweenness of the chain (§4.4).
StructureResult analyze_structure(const ChainGraph &graph, const StructureOptions &options = {});

/// The pieces of analyze_structure, for callers (and benchmarks) that need one.
std::vector<std::vector<std::uint32_t>> circular_dependencies(const ChainGraph &graph);
/// Articulation points (one flag per unit) and bridges (sorted index pairs) of the undirected simple graph.
void articulation_and_bridges(const ChainGraph &graph, std::vector<bool> &articulation,
                              std::vector<std::pair<std::uint32_t, std::uint32_t>> &bridges);
/// The k distinct sources (ascending) the sampled estimate uses for n units and a seed.
std::vector<std::uint32_t> betweenness_sample(std::size_t n, std::size_t k, std::uint64_t seed);
/// Betweenness from the given sources (unnormalized sums of Brandes dependencies).
/// Deterministic: sources are split into fixed chunks whose partial sums are
/// added in chunk order, whatever the number of threads.
std::vector<double> betweenness_from_sources(const ChainGraph &graph, const std::vector<std::uint32_t> &sources,
                                             unsigned threads = 0);

}  // namespace servicechain
