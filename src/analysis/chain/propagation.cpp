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
  auto offsets = g.topo_in_offsets();
  auto sources = g.topo_in_sources();
  auto weights = g.topo_in_weights();
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

// Dense LU with partial pivoting of I - M; k is small (<= PropagationOptions::direct_size).
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
      for (std::size_t r = col + 1; r < k_; ++r) {
        double f = m_[r * k_ + col] /= p;
        if (f != 0)
          for (std::size_t j = col + 1; j < k_; ++j) m_[r * k_ + j] -= f * m_[col * k_ + j];
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

}  // namespace

ComponentSolve solve_component(const ComponentRows &rows, std::span<double> x, const PropagationOptions &options) {
  const std::size_t k = rows.size;
  const std::vector<double> b(x.begin(), x.end());
  double scale = 1;
  for (double v : b) scale = std::max(scale, std::fabs(v));
  const double target = options.tolerance * scale;
  ComponentSolve out;
  if (k <= options.direct_size) {
    DenseSolver solver(rows);
    solver.solve(x);
    std::vector<double> r(k);
    out.residual = residual_norm(rows, x, b);
    for (int refine = 0; refine < 3 && out.residual > target; ++refine) {
      for (std::size_t i = 0; i < k; ++i) {  // (I - M)·d = b + M·x - x
        r[i] = b[i] - x[i];
        for (auto e = rows.offsets[i]; e < rows.offsets[i + 1]; ++e) r[i] += rows.weights[e] * x[rows.columns[e]];
      }
      solver.solve(r);
      for (std::size_t i = 0; i < k; ++i) x[i] += r[i];
      out.residual = residual_norm(rows, x, b);
    }
  } else {
    // Gauss-Seidel; converges because the component is not closed (ρ(M) < 1, M >= 0).
    out.residual = INFINITY;
    while (out.sweeps < options.max_iterations) {
      ++out.sweeps;
      double change = 0;
      for (std::size_t step = 0; step < k; ++step) {
        const std::size_t i = rows.backward ? k - 1 - step : step;
        double next = b[i];
        for (auto e = rows.offsets[i]; e < rows.offsets[i + 1]; ++e) next += rows.weights[e] * x[rows.columns[e]];
        change = std::max(change, std::fabs(next - x[i]));
        x[i] = next;
      }
      if (change <= target) {
        out.residual = residual_norm(rows, x, b);
        if (out.residual <= target) break;
      }
    }
  }
  out.converged = out.residual <= target;
  return out;
}

}  // namespace detail

PropagationResult propagate(const ChainGraph &g, std::span<const double> intrinsic, PropagationModel model,
                            const PropagationOptions &options) {
  const std::size_t n = g.unit_count();
  auto offsets = g.topo_in_offsets();
  auto sources = g.topo_in_sources();
  auto weights = g.topo_in_weights();
  auto own = g.topo_own_share();
  auto unit = g.topo_unit();
  auto comps = g.topo_component_offsets();
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
