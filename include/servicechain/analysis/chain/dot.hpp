#pragma once
// GraphViz DOT export of the internal customer chain (docs/chain.md#dot).
#include <span>
#include <string>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// The chain as a DOT digraph: one node per unit, filled from red (delivered
/// quality 0) through yellow to green (1); one edge per service `from -> to`
/// labelled with its weight; external segments as sink nodes on the last rank,
/// each moment of truth an edge from its owner to its segment. `delivered` is q
/// per unit in model order (empty: nodes uncoloured).
std::string to_dot(const Model &model, const ChainGraph &graph, std::span<const double> delivered);

}  // namespace servicechain
