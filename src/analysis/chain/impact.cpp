#include "servicechain/analysis/chain/impact.hpp"

#include <algorithm>

#include "component_solver.hpp"
#include "servicechain/log.hpp"

namespace servicechain {

ImpactResult impact(const ChainGraph &g, std::span<const double> intrinsic, std::span<const double> delivered,
                    PropagationModel model, const PropagationOptions &options) {
  const std::size_t n = g.unit_count();
  const auto &[offsets, sources, weights, own] = g.solver().inputs;  // by sweep position
  const auto &unit = g.solver().order.unit;
  const auto &comps = g.solver().order.component_offsets;
  const auto &gradient = g.solver().csi.gradient;
  const bool geometric = model == PropagationModel::geometric;
  ImpactResult result;
  result.impact.assign(n, std::nullopt);
  if (g.solver().csi.covered_size <= 0) return result;

  // Linear: λ_u = g_u + Σ_{u→v} w_uv·λ_v. Geometric: with μ = λ·q the same system
  // μ_u = g_u·q_u + Σ_{u→v} w_uv·μ_v (∂q_v/∂q_u = w_uv·q_v/q_u); a unit with q = 0
  // gets μ = 0, i.e. λ taken as 0. The sweep runs backwards over the internal
  // order; a solved unit pushes w·λ to its suppliers, so each supplier's sum is
  // complete when its turn comes.
  std::vector<double> lambda(n);
  for (std::size_t p = 0; p < n; ++p) {
    const auto u = unit[p];
    lambda[p] = geometric ? gradient[u] * delivered[u] : gradient[u];
  }
  const std::size_t count = comps.size() - 1;
  for (std::size_t c = count; c-- > 0;) {
    const std::uint32_t begin = comps[c], end = comps[c + 1];
    if (end - begin > 1) {
      auto solved = detail::solve_component(detail::component_rows(g, begin, end, true),
                                            std::span<double>(lambda).subspan(begin, end - begin), options);
      result.iterations = std::max(result.iterations, solved.sweeps);
      result.residual = std::max(result.residual, solved.residual);
      if (!solved.converged) {
        result.converged = false;
        for (auto p = begin; p < end; ++p) result.nearly_closed.push_back(unit[p]);
        logger()->warn("impact: the adjoint of a component of {} units did not converge (residual {:.3g})", end - begin,
                       solved.residual);
      }
    }
    for (auto p = begin; p < end; ++p) {
      const double l = lambda[p];
      if (l == 0) continue;
      for (auto e = offsets[p]; e < offsets[p + 1] && sources[e] < begin; ++e) lambda[sources[e]] += weights[e] * l;
    }
  }

  std::sort(result.nearly_closed.begin(), result.nearly_closed.end());
  for (std::size_t p = 0; p < n; ++p) {
    const auto u = unit[p];
    if (!geometric) {
      result.impact[u] = own[p] * lambda[p];
    } else if (intrinsic[u] > 0 && delivered[u] > 0) {
      result.impact[u] = own[p] > geometric_zero_exponent ? own[p] * lambda[p] / intrinsic[u] : 0.0;
    }
  }
  return result;
}

std::vector<std::optional<double>> impact_per_person(std::span<const std::optional<double>> impact,
                                                     std::span<const std::size_t> headcount) {
  std::vector<std::optional<double>> out(impact.size());
  for (std::size_t u = 0; u < impact.size() && u < headcount.size(); ++u)
    if (impact[u] && headcount[u] > 0) out[u] = *impact[u] / static_cast<double>(headcount[u]);
  return out;
}

}  // namespace servicechain
