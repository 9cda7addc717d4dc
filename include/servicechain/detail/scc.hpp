#pragma once
// A graph algorithm below every layer: model validation (cycle checks) and the
// analyses (ChainGraph, plans) both use it.
// Strongly connected components of a directed graph given as CSR arrays
// (offsets.size() == n + 1; the successors of v are targets[offsets[v] .. offsets[v+1])).
// Iterative Tarjan: no recursion, so a million-unit chain cannot overflow the stack.
#include <cstdint>
#include <span>
#include <vector>

namespace servicechain {

/// Strongly connected components of a directed graph.
struct SccResult {
  /// Component of each vertex. Components are numbered in reverse topological order
  /// of the condensation: every edge u->v has component[u] >= component[v].
  std::vector<std::uint32_t> component;
  std::uint32_t count = 0;  ///< number of components
};

/// Components of a graph in compressed sparse row form (the successors of v are
/// targets from index offsets[v] up to offsets[v+1]), by an iterative Tarjan search.
SccResult strongly_connected_components(std::span<const std::uint32_t> offsets,
                                        std::span<const std::uint32_t> targets);

}  // namespace servicechain
