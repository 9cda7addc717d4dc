#pragma once
// Internal: solves x = b + M·x inside one strongly connected component, where M
// holds the weights of the services between its units (forward propagation) or
// their transpose (the adjoint of impact). Shared by propagation and impact.
#include <cstdint>
#include <span>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/propagation.hpp"

namespace servicechain::detail {

/// The services inside component [begin, end) of the internal order as local
/// sparse rows: x_i = b_i + Σ_j weight·x_j over row i. `transposed` gives the
/// adjoint rows (row u lists the units u serves).
struct ComponentRows {
  std::size_t size = 0;
  /// Sweep from the last row to the first: the adjoint's inputs come from later
  /// units of the internal order, so a backward sweep uses them fresh.
  bool backward = false;
  std::vector<std::uint32_t> offsets, columns;
  std::vector<double> weights;
};
ComponentRows component_rows(const ChainGraph &graph, std::uint32_t begin, std::uint32_t end, bool transposed);

struct ComponentSolve {
  enum class Method : std::uint8_t { direct, gauss_seidel, direct_fallback, gmres };
  Method method = Method::direct;
  std::size_t sweeps = 0;  ///< Gauss-Seidel sweeps and GMRES steps (0 for a direct solve)
  double residual = 0;     ///< max-norm of b + M·x - x
  bool converged = true;
};

/// Solves in place: x holds b on entry and the solution on exit. Direct (dense
/// LU with iterative refinement) up to options.direct_size units, otherwise
/// Gauss-Seidel sweeps; when they stall, dense LU up to options.fallback_direct_size
/// units and GMRES (Gauss-Seidel preconditioned) above. The residual target is
/// options.tolerance·max(1, max|b|, max|x|), always checked on the true residual.
ComponentSolve solve_component(const ComponentRows &rows, std::span<double> x, const PropagationOptions &options);

}  // namespace servicechain::detail
