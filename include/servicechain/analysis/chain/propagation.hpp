#pragma once
// Propagation of quality along the internal customer chain (§4.1) and the
// customer satisfaction index.
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"

namespace servicechain {

/// How delivered quality combines a unit's own quality with its inputs' (§4.1).
enum class PropagationModel : std::uint8_t { linear, geometric };
/// "linear" or "geometric".
std::string_view to_string(PropagationModel model);
/// The model named by `text` ("linear", "geometric"); nullopt otherwise.
std::optional<PropagationModel> parse_propagation_model(std::string_view text);

/// Geometric model: an own share 1 − W_v below this counts as an exponent of 0,
/// so 0^0 = 1 survives rounding of the weights (propagation and impact agree on it).
inline constexpr double geometric_zero_exponent = 1e-9;

/// Solver settings of propagate() and impact().
struct PropagationOptions {
  /// Max-norm residual inside a component, relative to max(1, largest right-hand side):
  /// absolute for linear propagation (values in [0,1]).
  double tolerance = 1e-12;
  /// Iteration budget per component above direct_size: Gauss-Seidel sweeps plus
  /// GMRES steps (each costs one sweep).
  std::size_t max_iterations = 100000;
  /// Components up to this size are solved densely (LU, O(k³)); larger ones by
  /// Gauss-Seidel sweeps (O(services) each), which is cheaper for large k.
  std::size_t direct_size = 64;
  /// Gauss-Seidel stalls when its measured contraction predicts more than this
  /// many further sweeps (a nearly closed component); it then hands over to the
  /// fallback below.
  std::size_t stall_sweeps = 1000;
  /// A stalled component up to this size is solved by dense LU (with refinement);
  /// 0 turns the fallback off. 1,000 units cost about 0.1 s and 8 MB.
  std::size_t fallback_direct_size = 1000;
  /// A stalled component above fallback_direct_size is solved by restarted GMRES
  /// preconditioned by Gauss-Seidel sweeps (within max_iterations); false: not.
  bool gmres = true;
};

/// Delivered quality q of every unit and solver figures.
struct PropagationResult {
  std::vector<double> delivered;      ///< q_v per unit, model order
  std::size_t iterations = 0;         ///< most sweeps any iterative component needed (0: all direct)
  std::size_t cyclic_components = 0;  ///< components of size >= 2
  double residual = 0;                ///< largest max-norm residual over cyclic components
  bool converged = true;  ///< false when an iterative component did not converge
  std::vector<std::uint32_t> nearly_closed;  ///< units of components that did not converge
};

/// Solves q from intrinsic quality s (one value per unit, model order) on the
/// condensation: one sweep in topological order for acyclic parts; inside a
/// strongly connected component a dense solve (small) or Gauss-Seidel sweeps.
PropagationResult propagate(const ChainGraph &graph, std::span<const double> intrinsic,
                            PropagationModel model = PropagationModel::linear, const PropagationOptions &options = {});

/// Customer-side results of delivered quality (§4.1).
struct Satisfaction {
  std::optional<double> csi;                          ///< null when no segment has moments
  std::vector<double> moment_quality;                 ///< q_owner(m), model order
  std::vector<std::optional<double>> segment_satisfaction;  ///< null for a segment without moments
};

/// Moment quality, segment satisfaction and CSI from delivered quality.
Satisfaction satisfaction(const ChainGraph &graph, std::span<const double> delivered);

/// CSI alone (null as in Satisfaction).
std::optional<double> csi(const ChainGraph &graph, std::span<const double> delivered);

}  // namespace servicechain
