#pragma once
// Impact of each unit on the customer satisfaction index (§4.2):
// impact_u = ∂CSI/∂s_u for every unit from one adjoint sweep, never by finite
// differences.
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/propagation.hpp"

namespace servicechain {

/// Result of impact(): ∂CSI/∂s per unit and solver figures.
struct ImpactResult {
  /// ∂CSI/∂s_u per unit, model order. Null for every unit when the CSI is null (no
  /// segment has moments); in the geometric model null for a unit whose s or q is 0.
  std::vector<std::optional<double>> impact;
  std::size_t iterations = 0;  ///< most Gauss-Seidel sweeps and GMRES steps any component needed (0: all direct)
  double residual = 0;         ///< largest residual of a cyclic component's adjoint system
  bool converged = true;  ///< false when a cyclic component's adjoint solve did not converge
  std::vector<std::uint32_t> nearly_closed;  ///< units of components whose adjoint did not converge (sorted)
};

/// The adjoint λ_u = g_u + Σ_{u→v} ∂q_v/∂q_u·λ_v solved on the condensation in
/// reverse topological order (inside a strongly connected component the transposed
/// system, as in propagate), then impact_u = ∂q_u/∂s_u·λ_u. `intrinsic` is s and
/// `delivered` the q that propagate() returned for the same model.
ImpactResult impact(const ChainGraph &graph, std::span<const double> intrinsic, std::span<const double> delivered,
                    PropagationModel model = PropagationModel::linear, const PropagationOptions &options = {});

/// impact / headcount per unit; null where the headcount is 0 or the impact is null.
std::vector<std::optional<double>> impact_per_person(std::span<const std::optional<double>> impact,
                                                     std::span<const std::size_t> headcount);

}  // namespace servicechain
