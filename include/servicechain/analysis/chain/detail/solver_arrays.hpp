#pragma once
// Internals of ChainGraph: the arrays the chain solver and the analyses walk.
// Not part of the public API (their layout changes with the solver); the
// public view of the graph is ChainGraph's own accessors.
#include <cstdint>
#include <vector>

#include "servicechain/detail/scc.hpp"

namespace servicechain::detail {

/// The services as compressed sparse rows both ways, parallel services summed:
/// the inputs of v are [in_offsets[v], in_offsets[v+1]), the outputs of u
/// [out_offsets[u], out_offsets[u+1]).
struct Adjacency {
  std::vector<std::uint32_t> in_offsets;   ///< n + 1 row starts of the inputs
  std::vector<std::uint32_t> in_sources;   ///< supplier unit of each input
  std::vector<double> in_weights;          ///< weight w_uv of each input
  std::vector<std::uint32_t> out_offsets;  ///< n + 1 row starts of the outputs
  std::vector<std::uint32_t> out_targets;  ///< served unit of each output
  std::vector<double> out_weights;         ///< weight of each output
  std::vector<double> input_weight;        ///< W_v = Σ_u w_uv
};

/// Strongly connected components and their units, component by component.
struct Components {
  SccResult scc;                        ///< component of each unit, ids in reverse topological order
  std::vector<std::uint32_t> offsets;   ///< units of component c: units[offsets[c] .. offsets[c+1])
  std::vector<std::uint32_t> units;     ///< units of all components, component by component
};

/// The sweep order: units grouped by component, components in topological
/// order, so suppliers come before the units they serve (except inside a
/// strongly connected component, where units follow a reverse DFS postorder).
struct SweepOrder {
  std::vector<std::uint32_t> unit;               ///< position p holds unit[p]
  std::vector<std::uint32_t> position;           ///< unit u sits at position[u]
  std::vector<std::uint32_t> component_offsets;  ///< component k (topological) covers [k], [k+1]
};

/// Inputs by sweep position: sources as positions (ascending) and weights of
/// position p in [offsets[p], offsets[p+1]); a source below its component's
/// first position lies in an earlier component.
struct SweepInputs {
  std::vector<std::uint32_t> offsets;  ///< n + 1 row starts, by position
  std::vector<std::uint32_t> sources;  ///< supplier of each input, as a position
  std::vector<double> weights;         ///< weight of each input
  std::vector<double> own_share;       ///< 1 - W by position (not clamped)
};

/// Moments and the CSI gradient. Importances are relative to the largest of
/// their segment and sizes relative to the largest segment: the CSI uses only
/// ratios, and sums of values near 1e308 would overflow to inf.
struct CsiWeights {
  std::vector<std::uint32_t> moment_owner;    ///< owner unit of each known moment, in model order
  std::vector<std::uint32_t> moment_segment;  ///< segment of each known moment
  std::vector<double> moment_importance;   ///< relative to the largest of its segment
  std::vector<double> segment_importance;  ///< Σ relative importance of the segment's moments
  std::vector<double> segment_size;        ///< relative to the largest segment
  /// g_v = ∂CSI/∂q_v = 100·Σ_{m owned by v} (size_c/Σ size)·(importance_m/Σ_{m'∈c} importance).
  std::vector<double> gradient;
  double covered_size = 0;  ///< Σ relative size over segments with moments (0: CSI undefined)
};

/// Everything ChainGraph computes once for the solver.
struct SolverArrays {
  Adjacency services;     ///< the services, both ways
  Components components;  ///< strongly connected components
  SweepOrder order;       ///< the order of Gauss-Seidel sweeps
  SweepInputs inputs;     ///< the inputs in that order
  CsiWeights csi;         ///< what the CSI and its gradient need
};

}  // namespace servicechain::detail
