#include "servicechain/analysis/chain/propagation.hpp"

#include <algorithm>
#include <cmath>

#include "component_solver.hpp"
#include "servicechain/log.hpp"

namespace servicechain {

std::string_view to_string(PropagationModel model) { return model == PropagationModel::linear ? "linear" : "geometric"; }

std::optional<PropagationModel> parse_propagation_model(std::string_view text) {
  if (text == "linear") return PropagationModel::linear;
  if (text == "geometric") return PropagationModel::geometric;
  return std::nullopt;
}

namespace detail {

ComponentRows component_rows(const ChainGraph &g, std::uint32_t begin, std::uint32_t end, bool transposed) {
  const auto &offsets = g.solver().inputs.offsets;
  const auto &sources = g.solver().inputs.sources;
  const auto &weights = g.solver().inputs.weights;
  ComponentRows rows;
  rows.size = end - begin;
  rows.backward = transposed;
  rows.offsets.assign(rows.size + 1, 0);
  // Sources are ascending within a row, so the inner ones (>= begin) form a suffix.
  for (auto p = begin; p < end; ++p)
    for (auto e = offsets[p]; e < offsets[p + 1]; ++e)
      if (sources[e] >= begin) ++rows.offsets[(transposed ? sources[e] : p) - begin + 1];
  for (std::size_t i = 0; i < rows.size; ++i) rows.offsets[i + 1] += rows.offsets[i];
  rows.columns.resize(rows.offsets.back());
  rows.weights.resize(rows.offsets.back());
  std::vector<std::uint32_t> fill(rows.offsets.begin(), rows.offsets.end() - 1);
  for (auto p = begin; p < end; ++p)
    for (auto e = offsets[p]; e < offsets[p + 1]; ++e) {
      if (sources[e] < begin) continue;
      auto row = (transposed ? sources[e] : p) - begin;
      auto at = fill[row]++;
      rows.columns[at] = (transposed ? p : sources[e]) - begin;
      rows.weights[at] = weights[e];
    }
  return rows;
}

namespace {

// max-norm of b + M·x - x
double residual_norm(const ComponentRows &rows, std::span<const double> x, std::span<const double> b) {
  double worst = 0;
  for (std::size_t i = 0; i < rows.size; ++i) {
    double r = b[i] - x[i];
    for (auto e = rows.offsets[i]; e < rows.offsets[i + 1]; ++e) r += rows.weights[e] * x[rows.columns[e]];
    worst = std::max(worst, std::fabs(r));
  }
  return worst;
}

// Dense LU with partial pivoting of I - M (k <= PropagationOptions::fallback_direct_size).
class DenseSolver {
 public:
  explicit DenseSolver(const ComponentRows &rows) : k_(rows.size), m_(k_ * k_, 0.0), pivot_(k_) {
    for (std::size_t i = 0; i < k_; ++i) {
      m_[i * k_ + i] += 1.0;
      for (auto e = rows.offsets[i]; e < rows.offsets[i + 1]; ++e) m_[i * k_ + rows.columns[e]] -= rows.weights[e];
    }
    for (std::size_t col = 0; col < k_; ++col) {
      std::size_t best = col;
      for (std::size_t r = col + 1; r < k_; ++r)
        if (std::fabs(m_[r * k_ + col]) > std::fabs(m_[best * k_ + col])) best = r;
      pivot_[col] = best;
      if (best != col)
        for (std::size_t j = 0; j < k_; ++j) std::swap(m_[col * k_ + j], m_[best * k_ + j]);
      double p = m_[col * k_ + col];
      if (p == 0) continue;  // singular: a closed loop, refused by validation
      double *pivot_row = &m_[col * k_];
      for (std::size_t r = col + 1; r < k_; ++r) {
        double *row = &m_[r * k_];
        double f = row[col] /= p;
        if (f != 0)
          for (std::size_t j = col + 1; j < k_; ++j) row[j] -= f * pivot_row[j];
      }
    }
  }

  void solve(std::span<double> b) const {
    for (std::size_t i = 0; i < k_; ++i) std::swap(b[i], b[pivot_[i]]);
    for (std::size_t i = 0; i < k_; ++i)
      for (std::size_t j = 0; j < i; ++j) b[i] -= m_[i * k_ + j] * b[j];
    for (std::size_t i = k_; i-- > 0;) {
      for (std::size_t j = i + 1; j < k_; ++j) b[i] -= m_[i * k_ + j] * b[j];
      b[i] /= m_[i * k_ + i];
    }
  }

 private:
  std::size_t k_;
  std::vector<double> m_;
  std::vector<std::size_t> pivot_;
};

// The residual bound: tolerance·max(1, max|b|, max|x|). For linear propagation
// (b, x in [0,1]) the absolute 1e-12 of §4.1; the adjoint of a nearly closed loop
// has λ of 1e8 and more, where only a bound relative to x is reachable in binary64.
struct Target {
  double tolerance, floor;  // floor = max(1, max|b|)
  double operator()(std::span<const double> x) const {
    double largest = floor;
    for (double v : x) largest = std::max(largest, std::fabs(v));
    return tolerance * largest;
  }
};

// LU solve from scratch plus up to three steps of iterative refinement; returns the residual.
double solve_dense(const ComponentRows &rows, std::span<double> x, std::span<const double> b, const Target &target) {
  const std::size_t k = rows.size;
  DenseSolver solver(rows);
  std::copy(b.begin(), b.end(), x.begin());
  solver.solve(x);
  std::vector<double> r(k);
  double residual = residual_norm(rows, x, b);
  for (int refine = 0; refine < 3 && residual > target(x); ++refine) {
    for (std::size_t i = 0; i < k; ++i) {  // (I - M)·d = b + M·x - x
      r[i] = b[i] - x[i];
      for (auto e = rows.offsets[i]; e < rows.offsets[i + 1]; ++e) r[i] += rows.weights[e] * x[rows.columns[e]];
    }
    solver.solve(r);
    for (std::size_t i = 0; i < k; ++i) x[i] += r[i];
    residual = residual_norm(rows, x, b);
  }
  return residual;
}

// One Gauss-Seidel sweep out = (I - L)^{-1}·(b + U·in), L the entries already swept
// (earlier rows; later ones for a backward sweep). `in` and `out` may alias (plain
// Gauss-Seidel); b may be empty (zero). Returns max |out - in|.
double sweep(const ComponentRows &rows, std::span<const double> in, std::span<double> out, std::span<const double> b) {
  const std::size_t k = rows.size;
  double change = 0;
  for (std::size_t step = 0; step < k; ++step) {
    const std::size_t i = rows.backward ? k - 1 - step : step;
    double next = b.empty() ? 0.0 : b[i];
    for (auto e = rows.offsets[i]; e < rows.offsets[i + 1]; ++e) {
      const std::size_t j = rows.columns[e];
      const bool swept = rows.backward ? j > i : j < i;
      next += rows.weights[e] * (swept ? out[j] : in[j]);
    }
    change = std::max(change, std::fabs(next - in[i]));
    out[i] = next;
  }
  return change;
}

// Gauss-Seidel until the residual target, the sweep budget, or a stall: the
// contraction over the last sweeps predicts more than `stall_sweeps` to go.
// Returns whether it met the target; out.sweeps and out.residual are updated.
bool gauss_seidel(const ComponentRows &rows, std::span<double> x, std::span<const double> b, const Target &target,
                  std::size_t budget, std::size_t stall_sweeps, ComponentSolve &out) {
  constexpr std::size_t window = 8;  // contraction measured over this many sweeps
  std::vector<double> history;
  while (out.sweeps < budget) {
    ++out.sweeps;
    const double change = sweep(rows, x, x, b);
    history.push_back(change);
    const double bound = target(x);
    if (change <= bound) {
      out.residual = residual_norm(rows, x, b);
      if (out.residual <= bound) return true;
    }
    if (history.size() > window) {
      const double before = history[history.size() - 1 - window];
      const double rate = before > 0 ? std::pow(change / before, 1.0 / window) : 0.0;
      if (rate >= 1 || (rate > 0 && std::log(bound / change) / std::log(rate) > static_cast<double>(stall_sweeps)))
        break;
    }
  }
  out.residual = residual_norm(rows, x, b);
  return out.residual <= target(x);
}

// Restarted GMRES on the Gauss-Seidel-preconditioned system (I - G)·x = c, with
// G·v = (I - L)^{-1}·U·v and c = (I - L)^{-1}·b: the fixed point of the sweeps,
// accelerated. A near-closed loop whose closing services are few makes G of low
// rank, so a few steps suffice where plain sweeps stall. The true residual
// b + M·x - x = (I - L)·(c - (I - G)·x) is at most twice the preconditioned one
// (row sums of L are at most 1), and is checked after every restart.
bool gmres(const ComponentRows &rows, std::span<double> x, std::span<const double> b, const Target &target,
           std::size_t budget, ComponentSolve &out) {
  const std::size_t k = rows.size;
  // At most ~64 MB of Krylov basis, and between 5 and 30 vectors.
  const std::size_t m = std::clamp<std::size_t>((std::size_t{8} << 20) / std::max<std::size_t>(k, 1), 5, 30);
  std::vector<double> c(k), basis((m + 1) * k), h((m + 1) * m), cs(m), sn(m), g(m + 1), w(k);
  sweep(rows, std::vector<double>(k, 0.0), c, b);
  auto apply = [&](std::span<const double> v, std::span<double> result) {  // result = (I - G)·v
    sweep(rows, v, result, {});
    for (std::size_t i = 0; i < k; ++i) result[i] = v[i] - result[i];
    ++out.sweeps;
  };
  auto norm2 = [](std::span<const double> v) {
    double s = 0, scale = 0;
    for (double e : v) scale = std::max(scale, std::fabs(e));
    if (scale == 0) return 0.0;
    for (double e : v) s += (e / scale) * (e / scale);
    return scale * std::sqrt(s);
  };
  while (out.sweeps < budget) {
    const double inner_target = target(x) / 4;
    std::span<double> v0(basis.data(), k);
    apply(x, w);
    for (std::size_t i = 0; i < k; ++i) v0[i] = c[i] - w[i];
    const double beta = norm2(v0);
    if (beta == 0) break;
    for (auto &e : v0) e /= beta;
    std::fill(g.begin(), g.end(), 0.0);
    g[0] = beta;
    std::size_t steps = 0;
    for (std::size_t j = 0; j < m && out.sweeps < budget; ++j) {
      std::span<double> vj(basis.data() + j * k, k), next(basis.data() + (j + 1) * k, k);
      apply(vj, next);
      for (std::size_t i = 0; i <= j; ++i) {  // modified Gram-Schmidt
        std::span<const double> vi(basis.data() + i * k, k);
        double dot = 0;
        for (std::size_t t = 0; t < k; ++t) dot += next[t] * vi[t];
        h[i * m + j] = dot;
        for (std::size_t t = 0; t < k; ++t) next[t] -= dot * vi[t];
      }
      const double hn = norm2(next);
      h[(j + 1) * m + j] = hn;
      if (hn > 0)
        for (auto &e : next) e /= hn;
      for (std::size_t i = 0; i < j; ++i) {  // earlier Givens rotations
        const double a = h[i * m + j], bb = h[(i + 1) * m + j];
        h[i * m + j] = cs[i] * a + sn[i] * bb;
        h[(i + 1) * m + j] = -sn[i] * a + cs[i] * bb;
      }
      const double a = h[j * m + j], bb = h[(j + 1) * m + j], r = std::hypot(a, bb);
      cs[j] = r > 0 ? a / r : 1.0;
      sn[j] = r > 0 ? bb / r : 0.0;
      h[j * m + j] = r;
      h[(j + 1) * m + j] = 0;
      g[j + 1] = -sn[j] * g[j];
      g[j] = cs[j] * g[j];
      steps = j + 1;
      if (std::fabs(g[j + 1]) <= inner_target || hn == 0) break;
    }
    std::vector<double> y(steps);  // back substitution of the triangular H
    for (std::size_t i = steps; i-- > 0;) {
      double s = g[i];
      for (std::size_t t = i + 1; t < steps; ++t) s -= h[i * m + t] * y[t];
      y[i] = h[i * m + i] != 0 ? s / h[i * m + i] : 0.0;
    }
    for (std::size_t i = 0; i < steps; ++i)
      for (std::size_t t = 0; t < k; ++t) x[t] += y[i] * basis[i * k + t];
    out.residual = residual_norm(rows, x, b);
    if (out.residual <= target(x)) return true;
  }
  out.residual = residual_norm(rows, x, b);
  return out.residual <= target(x);
}

}  // namespace

ComponentSolve solve_component(const ComponentRows &rows, std::span<double> x, const PropagationOptions &options) {
  const std::size_t k = rows.size;
  const std::vector<double> b(x.begin(), x.end());
  double scale = 1;
  for (double v : b) scale = std::max(scale, std::fabs(v));
  const Target target{options.tolerance, scale};
  ComponentSolve out;
  if (k <= options.direct_size) {
    out.method = ComponentSolve::Method::direct;
    out.residual = solve_dense(rows, x, b, target);
  } else {
    // Gauss-Seidel converges because the component is not closed (ρ(M) < 1, M >= 0),
    // but slowly when it is nearly closed: then a direct solve, or GMRES above its size.
    out.method = ComponentSolve::Method::gauss_seidel;
    const bool fallback = options.fallback_direct_size > 0 || options.gmres;
    if (!gauss_seidel(rows, x, b, target, options.max_iterations, fallback ? options.stall_sweeps : SIZE_MAX, out)) {
      if (k <= options.fallback_direct_size) {
        out.method = ComponentSolve::Method::direct_fallback;
        out.residual = solve_dense(rows, x, b, target);
      } else if (options.gmres) {
        out.method = ComponentSolve::Method::gmres;
        gmres(rows, x, b, target, options.max_iterations, out);
      }
    }
  }
  out.converged = out.residual <= target(x);
  return out;
}

}  // namespace detail

PropagationResult propagate(const ChainGraph &g, std::span<const double> intrinsic, PropagationModel model,
                            const PropagationOptions &options) {
  const std::size_t n = g.unit_count();
  const auto &[offsets, sources, weights, own] = g.solver().inputs;  // by sweep position
  const auto &unit = g.solver().order.unit;
  const auto &comps = g.solver().order.component_offsets;
  const bool geometric = model == PropagationModel::geometric;

  // x_p = a_p + Σ w·x_source in the internal order, with x = q (linear) or log q
  // (geometric). log 0 = -inf carries q = 0 downstream: w > 0 and every term is <= 0.
  std::vector<double> x(n);
  if (geometric) {
    for (std::size_t p = 0; p < n; ++p) x[p] = own[p] > geometric_zero_exponent ? own[p] * std::log(intrinsic[unit[p]]) : 0.0;
  } else {
    for (std::size_t p = 0; p < n; ++p) x[p] = own[p] * intrinsic[unit[p]];
  }
  PropagationResult result;
  const std::size_t count = comps.size() - 1;
  for (std::size_t c = 0; c < count; ++c) {
    const std::uint32_t begin = comps[c], end = comps[c + 1];
    if (end - begin == 1) {  // the common case: a plain CSR gather
      double sum = x[begin];
      for (auto e = offsets[begin]; e < offsets[begin + 1]; ++e) sum += weights[e] * x[sources[e]];
      x[begin] = sum;
      continue;
    }
    ++result.cyclic_components;
    bool zero = false;  // geometric: an input of quality 0 anywhere makes the whole component 0
    for (auto p = begin; p < end; ++p) {
      for (auto e = offsets[p]; e < offsets[p + 1] && sources[e] < begin; ++e) x[p] += weights[e] * x[sources[e]];
      if (std::isinf(x[p])) zero = true;
    }
    if (zero) {
      std::fill(x.begin() + begin, x.begin() + end, -INFINITY);
      continue;
    }
    auto solved = detail::solve_component(detail::component_rows(g, begin, end, false),
                                          std::span<double>(x).subspan(begin, end - begin), options);
    result.iterations = std::max(result.iterations, solved.sweeps);
    result.residual = std::max(result.residual, solved.residual);
    if (!solved.converged) {
      result.converged = false;
      for (auto p = begin; p < end; ++p) result.nearly_closed.push_back(unit[p]);
      logger()->warn("propagation: a component of {} units did not converge (residual {:.3g})", end - begin,
                     solved.residual);
    }
  }

  result.delivered.resize(n);
  for (std::size_t p = 0; p < n; ++p) result.delivered[unit[p]] = geometric ? std::exp(x[p]) : x[p];
  std::sort(result.nearly_closed.begin(), result.nearly_closed.end());
  return result;
}

Satisfaction satisfaction(const ChainGraph &g, std::span<const double> delivered) {
  Satisfaction out;
  auto owner = g.moment_owner();
  auto segment = g.moment_segment();
  const auto &importance = g.solver().csi.moment_importance;
  const auto &seg_importance = g.solver().csi.segment_importance;
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
      total += g.solver().csi.segment_size[c] * *out.segment_satisfaction[c];
    }
  }
  if (g.solver().csi.covered_size > 0) out.csi = 100.0 * total / g.solver().csi.covered_size;
  return out;
}

std::optional<double> csi(const ChainGraph &g, std::span<const double> delivered) {
  return satisfaction(g, delivered).csi;
}

}  // namespace servicechain
