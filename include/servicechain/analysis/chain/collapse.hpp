#pragma once
// The chain at every scale (docs/chain.md): the unit tree collapsed at a depth
// into groups (each unit goes to its ancestor at that depth, or stays itself
// when shallower), with per-group figures taken from the full analysis (never
// re-propagated) and the services between groups. docs/chain.md#collapsed-views.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "servicechain/analysis/chain/analyze.hpp"
#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/io/json_writer.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// One group of a collapsed chain: a unit and the part of its subtree collapsed into it.
struct ChainGroup {
  std::uint32_t root = 0;    ///< the group's unit (model index): its id and name are the group's
  std::uint32_t depth = 0;   ///< the root's depth in the unit tree (at most the collapse depth)
  std::size_t units = 0;     ///< units in the group, the root included
  std::size_t headcount = 0; ///< people in those units
  /// Mean s and mean q of the units: weighted by headcount when every unit of
  /// the group has people, else a plain mean.
  double quality = 0;
  double delivered = 0;  ///< see quality
  /// Σ impact of the units: the CSI gain when every unit of the group improves
  /// by 1. Null when the CSI is undefined or a unit's impact is (geometric, s or q = 0).
  std::optional<double> impact;
  std::uint32_t weakest = 0;    ///< unit with the lowest s in the group (ties: smallest id in byte order)
  double weakest_quality = 0;   ///< its s
};

/// Services from units of group `from` to units of group `to` (indices into
/// CollapsedChain::groups); from == to for services inside a group.
struct ChainGroupLink {
  std::uint32_t from = 0;  ///< supplying group
  std::uint32_t to = 0;    ///< served group
  std::size_t services = 0;  ///< number of services (parallel services count one by one)
  double weight = 0;         ///< Σ of their weights
};

/// A collapsed view of the chain.
struct CollapsedChain {
  std::uint32_t depth = 0;              ///< the collapse depth d
  std::vector<ChainGroup> groups;       ///< in model order of their root unit
  std::vector<std::uint32_t> group_of;  ///< per unit (model order): index of its group
  /// By (from, to): the from group's id in byte order, then the to group's.
  std::vector<ChainGroupLink> links;
};

/// Collapses the unit tree at `depth` (0: one group per root). `analysis` is
/// analyze_chain(model, graph, ...) of the same model; values are taken from it.
/// Linear in units + services (plus sorting the groups and the links).
CollapsedChain collapse_chain(const Model &model, const ChainGraph &graph, const ChainAnalysis &analysis,
                              std::uint32_t depth);

/// Number of groups at each depth 0..deepest (the units at most that deep),
/// from the units' depths (ChainAnalysis::layers).
std::vector<std::size_t> groups_per_depth(const std::vector<std::uint32_t> &layers);

/// The deepest depth with at most `max_groups` groups (the deepest unit's depth
/// when every unit fits); nullopt when even depth 0 has more (more roots than
/// `max_groups`).
std::optional<std::uint32_t> depth_for_max_groups(const std::vector<std::uint32_t> &layers, std::size_t max_groups);

/// The collapse options of `analyze` (`--group-depth D` or `--group-max N`) as a request carries them.
struct CollapseRequest {
  std::optional<std::uint32_t> depth;       ///< collapse at this depth
  std::optional<std::size_t> max_groups;    ///< or at the deepest depth with at most this many groups (>= 1)
  bool any() const { return depth || max_groups; }  ///< whether it asks for a collapsed view
};

/// The collapsed view a request asks for, or nullopt when it asks for none.
/// Throws ArgumentError when it gives both options, max_groups is 0, or no
/// depth has at most max_groups groups.
std::optional<CollapsedChain> collapse_for_request(const Model &model, const ChainGraph &graph,
                                                   const ChainAnalysis &analysis, const CollapseRequest &request);

/// Writes the keys "groups" and "links" (docs/chain.md) into the object being
/// written (between begin_object and end_object).
void write_collapsed_json_fields(JsonWriter &writer, const Model &model, const CollapsedChain &collapsed);

/// Options of collapsed_to_dot.
struct CollapsedDotOptions {
  /// Draw at most this many links between different groups (0: all): each
  /// group's heaviest link in and out, then the heaviest others (ties: order of `links`).
  std::size_t max_links = 0;
  bool segments = true;  ///< customer segments as sinks, one dashed edge per (group, segment) with moments
  double font_size = 14;  ///< of the groups' labels, in points (edge labels: 4 less)
  Language language = Language::en;  ///< language of the labels (Spanish: decimal comma)
};

/// The collapsed chain as a DOT digraph: one node per group (its name, units,
/// people, moments of truth, mean q), filled by mean delivered quality on the scale of to_dot;
/// one edge per link between different groups, its width growing with the
/// link's total weight (services inside a group are stated in its node's tooltip).
std::string collapsed_to_dot(const Model &model, const ChainGraph &graph, const CollapsedChain &collapsed,
                             const CollapsedDotOptions &options = {});

}  // namespace servicechain
