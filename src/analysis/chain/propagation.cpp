#include "servicechain/analysis/chain/propagation.hpp"

#include <algorithm>
#include <cmath>

#include "servicechain/log.hpp"

namespace servicechain {

std::string_view to_string(PropagationModel model) { return model == PropagationModel::linear ? "linear" : "geometric"; }

std::optional<PropagationModel> parse_propagation_model(std::string_view text) {
  if (text == "linear") return PropagationModel::linear;
  if (text == "geometric") return PropagationModel::geometric;
  return std::nullopt;
}

namespace {

// Exponent 1 - W_v below this counts as 0, so 0^0 = 1 survives rounding of the weights.
constexpr double zero_exponent = 1e-9;

// Solves (I - A) x = b for one strongly connected component, where A holds the
// weights of services inside the component. Dense LU with partial pivoting and
// iterative refinement; k is small (≤ PropagationOptions::direct_size).
class DenseComponentSolver {
 public:
  DenseComponentSolver(const ChainGraph &g, std::span<const std::uint32_t> units, std::vector<std::uint32_t> &local)
      : k_(units.size()), m_(k_ * k_, 0.0), pivot_(k_) {
    for (std::size_t i = 0; i < k_; ++i) local[units[i]] = static_cast<std::uint32_t>(i);
    auto offsets = g.in_offsets();
    auto sources = g.in_sources();
    auto weights = g.in_weights();
    const auto &comp = g.components().component;
    for (std::size_t i = 0; i < k_; ++i) {
      m_[i * k_ + i] = 1.0;
      auto v = units[i];
      for (auto e = offsets[v]; e < offsets[v + 1]; ++e)
        if (comp[sources[e]] == comp[v]) m_[i * k_ + local[sources[e]]] -= weights[e];
    }
    a_ = m_;
    for (std::size_t col = 0; col < k_; ++col) {
      std::size_t best = col;
      for (std::size_t r = col + 1; r < k_; ++r)
        if (std::fabs(m_[r * k_ + col]) > std::fabs(m_[best * k_ + col])) best = r;
      pivot_[col] = best;
      if (best != col)
        for (std::size_t j = 0; j < k_; ++j) std::swap(m_[col * k_ + j], m_[best * k_ + j]);
      double p = m_[col * k_ + col];
      if (p == 0) continue;  // singular: a closed loop, refused by validation
      for (std::size_t r = col + 1; r < k_; ++r) {
        double f = m_[r * k_ + col] /= p;
        if (f != 0)
          for (std::size_t j = col + 1; j < k_; ++j) m_[r * k_ + j] -= f * m_[col * k_ + j];
      }
    }
  }

  std::vector<double> solve(std::vector<double> b) const {
    for (std::size_t i = 0; i < k_; ++i) std::swap(b[i], b[pivot_[i]]);
    for (std::size_t i = 0; i < k_; ++i)
      for (std::size_t j = 0; j < i; ++j) b[i] -= m_[i * k_ + j] * b[j];
    for (std::size_t i = k_; i-- > 0;) {
      for (std::size_t j = i + 1; j < k_; ++j) b[i] -= m_[i * k_ + j] * b[j];
      b[i] /= m_[i * k_ + i];
    }
    return b;
  }

  // b - (I - A) x
  std::vector<double> residual(const std::vector<double> &x, const std::vector<double> &b) const {
    std::vector<double> r(b);
    for (std::size_t i = 0; i < k_; ++i)
      for (std::size_t j = 0; j < k_; ++j) r[i] -= a_[i * k_ + j] * x[j];
    return r;
  }

 private:
  std::size_t k_;
  std::vector<double> m_, a_;
  std::vector<std::size_t> pivot_;
};

double max_abs(const std::vector<double> &v) {
  double m = 0;
  for (double x : v) m = std::max(m, std::fabs(x));
  return m;
}

}  // namespace

PropagationResult propagate(const ChainGraph &g, std::span<const double> intrinsic, PropagationModel model,
                            const PropagationOptions &options) {
  const std::size_t n = g.unit_count();
  auto offsets = g.in_offsets();
  auto sources = g.in_sources();
  auto weights = g.in_weights();
  auto W = g.input_weight();
  const auto &comp = g.components().component;
  auto comp_offsets = g.component_offsets();
  auto comp_units = g.component_units();
  const bool geometric = model == PropagationModel::geometric;

  // The system x_v = a_v + Σ_u w_uv x_u, with x = q (linear) or log q (geometric).
  std::vector<double> x(n, 0.0);
  std::vector<bool> zero(geometric ? n : 0, false);
  PropagationResult result;
  std::vector<std::uint32_t> local(n);

  auto base = [&](std::uint32_t v) {
    double own = 1.0 - W[v];
    if (!geometric) return own * intrinsic[v];
    return own > zero_exponent ? own * std::log(intrinsic[v]) : 0.0;
  };
  auto is_zero_source = [&](std::uint32_t v) {
    return geometric && intrinsic[v] <= 0 && 1.0 - W[v] > zero_exponent;
  };
  // a_v plus the inputs from outside v's component (already solved)
  auto outside = [&](std::uint32_t v) {
    double b = base(v);
    for (auto e = offsets[v]; e < offsets[v + 1]; ++e)
      if (comp[sources[e]] != comp[v]) b += weights[e] * x[sources[e]];
    return b;
  };

  for (std::uint32_t c = g.components().count; c-- > 0;) {
    auto units = comp_units.subspan(comp_offsets[c], comp_offsets[c + 1] - comp_offsets[c]);
    if (geometric) {
      // s = 0 (with own share > 0) makes q = 0, and so does any input of quality 0.
      bool z = false;
      for (auto v : units) {
        if (is_zero_source(v)) z = true;
        for (auto e = offsets[v]; e < offsets[v + 1] && !z; ++e)
          if (comp[sources[e]] != c && zero[sources[e]]) z = true;
      }
      if (z) {
        for (auto v : units) zero[v] = true, x[v] = -INFINITY;
        continue;
      }
    }
    if (units.size() == 1) {
      x[units[0]] = outside(units[0]);
      continue;
    }
    ++result.cyclic_components;
    const std::size_t k = units.size();
    std::vector<double> b(k);
    for (std::size_t i = 0; i < k; ++i) b[i] = outside(units[i]);
    double residual = INFINITY;
    if (k <= options.direct_size) {
      DenseComponentSolver solver(g, units, local);
      auto y = solver.solve(b);
      residual = max_abs(solver.residual(y, b));
      for (int refine = 0; refine < 3 && residual > options.tolerance; ++refine) {
        auto d = solver.solve(solver.residual(y, b));
        for (std::size_t i = 0; i < k; ++i) y[i] += d[i];
        residual = max_abs(solver.residual(y, b));
      }
      for (std::size_t i = 0; i < k; ++i) x[units[i]] = y[i];
    } else {
      // Gauss-Seidel; converges because the component is not closed (ρ(A_cc) < 1).
      for (std::size_t i = 0; i < k; ++i) x[units[i]] = b[i];
      std::size_t sweeps = 0;
      auto inner = [&](std::uint32_t v) {
        double s = 0;
        for (auto e = offsets[v]; e < offsets[v + 1]; ++e)
          if (comp[sources[e]] == c) s += weights[e] * x[sources[e]];
        return s;
      };
      while (sweeps < options.max_iterations) {
        ++sweeps;
        double change = 0;
        for (std::size_t i = 0; i < k; ++i) {
          double next = b[i] + inner(units[i]);
          change = std::max(change, std::fabs(next - x[units[i]]));
          x[units[i]] = next;
        }
        if (change <= options.tolerance) {
          residual = 0;
          for (std::size_t i = 0; i < k; ++i) residual = std::max(residual, std::fabs(x[units[i]] - b[i] - inner(units[i])));
          if (residual <= options.tolerance) break;
        }
      }
      result.iterations = std::max(result.iterations, sweeps);
    }
    result.residual = std::max(result.residual, residual);
    if (!(residual <= options.tolerance)) {
      result.converged = false;
      result.nearly_closed.insert(result.nearly_closed.end(), units.begin(), units.end());
      logger()->warn("propagation: a component of {} units did not converge (residual {:.3g})", k, residual);
    }
  }

  result.delivered.resize(n);
  for (std::size_t v = 0; v < n; ++v) result.delivered[v] = geometric ? (zero[v] ? 0.0 : std::exp(x[v])) : x[v];
  std::sort(result.nearly_closed.begin(), result.nearly_closed.end());
  return result;
}

Satisfaction satisfaction(const ChainGraph &g, std::span<const double> delivered) {
  Satisfaction out;
  auto owner = g.moment_owner();
  auto segment = g.moment_segment();
  auto importance = g.moment_importance();
  auto seg_importance = g.segment_importance();
  out.moment_quality.resize(owner.size());
  std::vector<double> weighted(seg_importance.size(), 0.0);
  for (std::size_t k = 0; k < owner.size(); ++k) {
    out.moment_quality[k] = delivered[owner[k]];
    weighted[segment[k]] += importance[k] * delivered[owner[k]];
  }
  out.segment_satisfaction.resize(seg_importance.size());
  double total = 0;
  for (std::size_t c = 0; c < seg_importance.size(); ++c) {
    if (seg_importance[c] > 0) {
      out.segment_satisfaction[c] = weighted[c] / seg_importance[c];
      total += g.segment_size()[c] * *out.segment_satisfaction[c];
    }
  }
  if (g.covered_size() > 0) out.csi = 100.0 * total / g.covered_size();
  return out;
}

std::optional<double> csi(const ChainGraph &g, std::span<const double> delivered) {
  return satisfaction(g, delivered).csi;
}

}  // namespace servicechain
