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

/// How betweenness is estimated above StructureOptions::exact_limit.
enum class BetweennessEstimate : std::uint8_t {
  /// Sampled shortest paths in two phases with Bernstein bounds: |error| <= epsilon
  /// on every unit with probability >= 1 - delta ("paths", the default).
  paths,
  /// KADABRA's adaptive sampling of shortest paths, the same guarantee ("kadabra").
  kadabra,
  /// Brandes from `samples` random sources scaled by n/k, NetworkX's k-source
  /// estimate: unbiased, no error bound ("sampled").
  sources,
};

/// Options of analyze_structure (betweenness exact or estimated).
struct StructureOptions {
  bool betweenness = true;         ///< false: skip betweenness (the costly part)
  bool exact_betweenness = false;  ///< exact even above exact_limit
  std::size_t exact_limit = 5000;  ///< exact when unit_count() <= exact_limit
  BetweennessEstimate estimate = BetweennessEstimate::paths;  ///< the estimator above exact_limit
  double epsilon = 0.01;           ///< paths, kadabra: largest absolute error on the normalized values, (0, 1)
  double delta = 0.1;              ///< paths, kadabra: probability that some value misses by more, (0, 1)
  std::size_t samples = 256;       ///< sources: sampled sources k
  std::uint64_t seed = 42;         ///< fixed seed of either estimate
  unsigned threads = 0;            ///< threads for betweenness (0: the hardware's); results do not depend on it
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
  std::string betweenness_method;     ///< "exact", "paths", "kadabra", "sampled", or "none"
  std::size_t betweenness_sources = 0;  ///< sources used by Brandes' algorithm (0 for "paths", "kadabra")
  double betweenness_epsilon = 0;       ///< "paths", "kadabra": the guaranteed absolute error bound (else 0)
  double betweenness_delta = 0;         ///< "paths", "kadabra": the probability the bound fails (else 0)
  std::size_t betweenness_samples = 0;  ///< "paths", "kadabra": shortest paths sampled in all
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
/// Result of estimate_betweenness.
struct BetweennessEstimateResult {
  std::vector<double> betweenness;  ///< normalized by 1/((n-1)(n-2)), as exact values
  std::size_t samples = 0;          ///< sampled pairs in all (both phases)
  std::size_t first_phase = 0;      ///< pairs of the first phase
  /// paths: the second phase's pairs (0 when the first vouched for every unit);
  /// kadabra: omega, the count at which it stops at the latest
  std::size_t cap = 0;
  std::size_t vertex_diameter_bound = 0;  ///< kadabra: upper bound on the units of a shortest path (enters omega)
  /// Heavy units (support units serving almost everyone) whose shortest paths
  /// came from precomputed breadth-first tables instead of the sampled searches.
  std::size_t heavy_units = 0;
};

/// Betweenness with a guarantee (docs/structure.md): shortest paths between random
/// pairs of distinct units, each found by a balanced bidirectional
/// breadth-first search and drawn uniformly among the pair's shortest paths;
/// every unit's value is within `epsilon` of the exact one (on the
/// 1/((n-1)(n-2)) normalization) with probability >= 1 - `delta`. `method` is
/// `paths` (two phases, Bernstein bounds) or `kadabra` (Borassi and Natale 2016,
/// NetworKit's KadabraBetweenness, absolute version). Deterministic for a seed,
/// whatever `threads` (0: the hardware's). docs/structure.md has the details.
BetweennessEstimateResult estimate_betweenness(const ChainGraph &graph, BetweennessEstimate method, double epsilon,
                                               double delta, std::uint64_t seed, unsigned threads = 0);

namespace detail {

/// Test hooks for the guaranteed estimate's heavy-unit tables: the same
/// estimate with `heavy` forced as the heavy units (at most 255, distinct).
BetweennessEstimateResult estimate_betweenness_with_heavy(const ChainGraph &graph, BetweennessEstimate method,
                                                          double epsilon, double delta, std::uint64_t seed,
                                                          unsigned threads, const std::vector<std::uint32_t> &heavy);

/// Shortest s-t paths as the estimate samples them with `heavy` forced.
struct SampledPaths {
  double sigma = 0;                                  ///< σ_st as the sampler counts it (0: unreachable)
  std::vector<std::vector<std::uint32_t>> interiors;  ///< each draw's interior units, from s's side, then t's side
};
/// `count` draws for the fixed pair (s, t), draw i from the stream (seed, i).
SampledPaths sample_shortest_paths(const ChainGraph &graph, std::uint32_t s, std::uint32_t t,
                                   const std::vector<std::uint32_t> &heavy, std::size_t count, std::uint64_t seed);

}  // namespace detail

/// An upper bound on the vertex diameter (the most units on any shortest
/// service path): per strongly connected component the in- and out-eccentricity
/// of one unit, summed along the longest path of the condensation. O(n + m).
std::size_t vertex_diameter_bound(const ChainGraph &graph);

/// Betweenness from the given sources (unnormalized sums of Brandes dependencies).
/// Deterministic: sources are split into fixed chunks whose partial sums are
/// added in chunk order, whatever the number of threads.
std::vector<double> betweenness_from_sources(const ChainGraph &graph, const std::vector<std::uint32_t> &sources,
                                             unsigned threads = 0);

}  // namespace servicechain
