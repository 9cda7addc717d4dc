#pragma once
// GraphViz DOT export of the internal customer chain (docs/chain.md#dot).
#include <span>
#include <string>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// The chain as a DOT digraph: one node per unit, filled by delivered quality
/// from red (q <= 0.5) through yellow (0.75) to green (1); one edge per service `from -> to`
/// labelled with its weight, red when it lies on a circular dependency; external segments as sink nodes on the last rank,
/// each moment of truth an edge from its owner to its segment. `delivered` is q
/// per unit in model order (empty: nodes uncoloured).
std::string to_dot(const Model &model, const ChainGraph &graph, std::span<const double> delivered);

}  // namespace servicechain
