#pragma once
// The frozen analysis graph of the internal customer chain: built once from a
// valid model, contiguous CSR arrays, parallel services summed (the math adds
// their weights). Units keep their model indices in every public array.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "servicechain/analysis/scc.hpp"
#include "servicechain/io/model_json.hpp"
#include "servicechain/model.hpp"

namespace servicechain {

/// The frozen analysis graph of a model: units as vertices, services as weighted edges in compressed sparse row
/// arrays, with its strongly connected components and a topological sweep order. Build it once, run many analyses
/// on it.
class ChainGraph {
 public:
  /// Builds the graph of a model that passed validation (unknown ids are skipped).
  explicit ChainGraph(const Model &model);

  std::size_t unit_count() const { return in_offsets_.size() - 1; }  ///< number of units (vertices)

  /// Inputs of v: sources and weights in [in_offsets[v], in_offsets[v+1]).
  std::span<const std::uint32_t> in_offsets() const { return in_offsets_; }
  std::span<const std::uint32_t> in_sources() const { return in_sources_; }  ///< supplier unit of each input
  std::span<const double> in_weights() const { return in_weights_; }  ///< weight w_uv of each input
  /// Outputs of u (the same edges seen from the supplier).
  std::span<const std::uint32_t> out_offsets() const { return out_offsets_; }
  std::span<const std::uint32_t> out_targets() const { return out_targets_; }  ///< served unit of each output
  std::span<const double> out_weights() const { return out_weights_; }  ///< weight of each output
  /// W_v = Σ_u w_uv.
  std::span<const double> input_weight() const { return input_weight_; }

  /// Strongly connected components; component ids are in reverse topological
  /// order (every service u->v has component[u] >= component[v]).
  const SccResult &components() const { return scc_; }
  /// Units of component c: component_units()[component_offsets()[c] .. [c+1]).
  std::span<const std::uint32_t> component_offsets() const { return comp_offsets_; }
  /// units of all components, component by component
  std::span<const std::uint32_t> component_units() const { return comp_units_; }

  /// A cache-friendly internal order for sweeps: units grouped by component,
  /// components in topological order, so suppliers come before the units they
  /// serve (except inside a strongly connected component). position p holds unit
  /// topo_unit()[p]; unit u sits at topo_position()[u].
  std::span<const std::uint32_t> topo_unit() const { return topo_unit_; }
  /// position of each unit in the sweep order
  std::span<const std::uint32_t> topo_position() const { return topo_position_; }
  /// Component k in topological order covers positions [topo_component_offsets()[k], [k+1]);
  /// it is component count-1-k of components().
  std::span<const std::uint32_t> topo_component_offsets() const { return topo_comp_offsets_; }
  /// Inputs by position: sources (as positions, ascending) and weights of position p
  /// in [topo_in_offsets()[p], [p+1]). A source at a position below its component's
  /// first position lies in an earlier component.
  std::span<const std::uint32_t> topo_in_offsets() const { return topo_in_offsets_; }
  /// supplier positions of the inputs, by position
  std::span<const std::uint32_t> topo_in_sources() const { return topo_in_sources_; }
  std::span<const double> topo_in_weights() const { return topo_in_weights_; }  ///< weights of the inputs, by position
  /// 1 - W by position: the share of a unit's quality that is its own.
  std::span<const double> topo_own_share() const { return topo_own_share_; }

  /// Moments: owner unit and segment index of each moment, in model order.
  std::span<const std::uint32_t> moment_owner() const { return moment_owner_; }
  std::span<const std::uint32_t> moment_segment() const { return moment_segment_; }  ///< segment index of each moment
  /// Importance of each moment relative to the largest of its segment (the CSI uses
  /// only ratios; relative values keep sums of importances near 1e308 finite).
  std::span<const double> moment_importance() const { return moment_importance_; }
  /// Per segment: whether it has moments, Σ relative importance of its moments.
  std::span<const double> segment_importance() const { return segment_importance_; }
  /// Size of each segment relative to the largest segment.
  std::span<const double> segment_size() const { return segment_size_; }
  /// Σ relative size over segments that have moments (0: the CSI is undefined).
  double covered_size() const { return covered_size_; }
  /// g_v = ∂CSI/∂q_v = 100·Σ_{m owned by v} (size_c/Σ size)·(importance_m/Σ_{m'∈c} importance).
  std::span<const double> csi_gradient() const { return csi_gradient_; }

 private:
  std::vector<std::uint32_t> in_offsets_, in_sources_, out_offsets_, out_targets_;
  std::vector<double> in_weights_, out_weights_, input_weight_;
  SccResult scc_;
  std::vector<std::uint32_t> comp_offsets_, comp_units_;
  std::vector<std::uint32_t> topo_unit_, topo_position_, topo_comp_offsets_, topo_in_offsets_, topo_in_sources_;
  std::vector<double> topo_in_weights_, topo_own_share_;
  std::vector<std::uint32_t> moment_owner_, moment_segment_;
  std::vector<double> moment_importance_, segment_importance_, segment_size_, csi_gradient_;
  double covered_size_ = 0;
};

/// A model read from a file and validated, with its frozen chain graph.
struct ModelAndGraph {
  Model model;       ///< the validated model
  ChainGraph graph;  ///< its frozen chain graph
};

/// load_model, plus the model's ChainGraph. For a JSON file the graph is built
/// on a second thread while the model is validated: both only read the model,
/// and the graph build skips what validation rejects, so on two cores the build
/// costs no wall time (0.06 s at 10^5 units, 1.2 s at 10^6). Throws as
/// load_model does; the graph of an invalid model is dropped.
ModelAndGraph load_model_and_graph(const std::filesystem::path &file, Diagnostics *warnings = nullptr,
                                   bool trusted = false, const ReadLimits &limits = {});

}  // namespace servicechain
