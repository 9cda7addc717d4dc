#include "servicechain/analysis/people/alignment.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "fit_exact.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/error.hpp"
#include "servicechain/log.hpp"

namespace servicechain {

namespace {

// Hungarian method with potentials (rows = people, columns = slots), 1-based
// with a virtual column 0; O(n³). `cost(i, j)` is >= 0 and at most `top`; every
// potential stays within (n+1)·top and every reduced cost below (n+2)·top, so
// `inf` = (n+3)·top exceeds them all. Returns the row of each column.
template <class Cost, class CostOf>
std::vector<std::size_t> hungarian(std::size_t n, CostOf cost, const Cost &top) {
  const Cost inf = top * Cost(n + 3);
  std::vector<Cost> u(n + 1, Cost(0)), v(n + 1, Cost(0)), minv(n + 1);
  std::vector<std::size_t> row_of(n + 1, 0), way(n + 1, 0);
  std::vector<char> used(n + 1);
  for (std::size_t i = 1; i <= n; ++i) {
    row_of[0] = i;
    std::size_t j0 = 0;
    std::fill(minv.begin(), minv.end(), inf);
    std::fill(used.begin(), used.end(), 0);
    do {
      used[j0] = 1;
      const std::size_t i0 = row_of[j0];
      Cost delta = inf;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= n; ++j) {
        if (used[j]) continue;
        Cost reduced = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (reduced < minv[j]) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (std::size_t j = 0; j <= n; ++j) {
        if (used[j]) {
          u[row_of[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (row_of[j0] != 0);
    do {
      std::size_t j1 = way[j0];
      row_of[j0] = row_of[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  return row_of;
}

// Two objectives in one exact integer cost: cost(i, j) = (best − score)·(n+1) + 1
// when the slot's position differs from the one person i holds. A difference of
// one unit of total score outweighs every possible number of moves (<= n), so the
// minimum is lexicographic: the highest total score, then the fewest moves.
// `Cost` is std::int64_t or BigInt (see solve).
template <class Cost, class Score>
std::vector<std::uint32_t> assign(std::size_t k, std::span<const std::uint32_t> held, std::span<const Score> score,
                                  const Score &best) {
  const std::size_t n = held.size();
  const Cost M(n + 1);
  std::vector<Cost> base(n * k);
  for (std::size_t i = 0; i < n * k; ++i) base[i] = Cost(best - score[i]) * M;
  // Column j is one slot of the multiset of held positions.
  std::vector<std::uint32_t> slot(held.begin(), held.end());
  std::sort(slot.begin(), slot.end());
  auto cost = [&](std::size_t i, std::size_t j) -> Cost {
    return held[i] != slot[j] ? Cost(base[i * k + slot[j]] + 1) : base[i * k + slot[j]];
  };
  auto row_of = hungarian<Cost>(n, cost, Cost(Cost(best) * M + 1));
  std::vector<std::uint32_t> assigned(n);
  for (std::size_t j = 1; j <= n; ++j) assigned[row_of[j] - 1] = slot[j - 1];
  return assigned;
}

// 128-bit integers (a GCC extension; __extension__ keeps -Wpedantic quiet).
__extension__ using Int128 = __int128;
__extension__ using UInt128 = unsigned __int128;

Int128 to_int128(const detail::BigInt &x) {  // 0 <= x < 2^126
  const detail::BigInt mask = (detail::BigInt(1) << 64) - 1;
  const auto low = static_cast<std::uint64_t>(x & mask);
  const auto high = static_cast<std::uint64_t>(x >> 64);
  return static_cast<Int128>((static_cast<UInt128>(high) << 64) | low);
}

// optimal_alignment for integer scores >= 0 (std::int64_t or BigInt): native
// integers while every cost and potential stays below 2^62, 128-bit ones below
// 2^126, BigInt above (exact_scores bounds how long they get).
template <class Score>
std::vector<std::uint32_t> solve(std::size_t k, std::span<const std::uint32_t> held, std::span<const Score> score) {
  const std::size_t n = held.size();
  if (score.size() != n * k) throw ArgumentError("optimal_alignment: score must have people × positions entries");
  for (auto p : held)
    if (p >= k) throw ArgumentError("optimal_alignment: a held position is out of range");
  Score best(0);
  for (const auto &s : score) {
    if (s < 0) throw ArgumentError("optimal_alignment: a score is negative");
    if (s > best) best = s;
  }
  if (k <= 1) return {held.begin(), held.end()};  // one position: nobody can move
  // (n+3)·((n+1)·best + 1) < 2^62 keeps the Hungarian method in std::int64_t.
  const detail::BigInt bound = detail::BigInt(n + 3) * (detail::BigInt(n + 1) * detail::BigInt(best) + 1);
  if (bound < (detail::BigInt(1) << 62)) {
    std::vector<std::int64_t> narrow(score.size());
    for (std::size_t i = 0; i < score.size(); ++i) narrow[i] = static_cast<std::int64_t>(score[i]);
    return assign<std::int64_t, std::int64_t>(k, held, narrow, static_cast<std::int64_t>(best));
  }
  if (bound < (detail::BigInt(1) << 126)) {
    std::vector<Int128> wide(score.size());
    for (std::size_t i = 0; i < score.size(); ++i) wide[i] = to_int128(detail::BigInt(score[i]));
    return assign<Int128, Int128>(k, held, wide, to_int128(detail::BigInt(best)));
  }
  std::vector<detail::BigInt> wide(score.begin(), score.end());
  return assign<detail::BigInt, detail::BigInt>(k, held, wide, detail::BigInt(best));
}

// The alignment in binary64 when exact scores would need more than 126 bits
// (e.g. 15-digit weights in many positions): cost = best − fit, plus
// tie_tolerance/(n+1) for a move, so among assignments whose total fit is within
// tie_tolerance of the best the one with the fewest moves wins.
std::vector<std::uint32_t> solve_binary64(std::size_t k, std::span<const std::uint32_t> held,
                                          std::span<const double> fit_matrix, double tie_tolerance) {
  const std::size_t n = held.size();
  double best = 0;
  for (double f : fit_matrix) best = std::max(best, f);
  const double move = tie_tolerance / static_cast<double>(n + 1);
  std::vector<std::uint32_t> slot(held.begin(), held.end());
  std::sort(slot.begin(), slot.end());
  auto cost = [&](std::size_t i, std::size_t j) {
    return best - fit_matrix[i * k + slot[j]] + (held[i] != slot[j] ? move : 0.0);
  };
  auto row_of = hungarian<double>(n, cost, best + 1.0);
  std::vector<std::uint32_t> assigned(n);
  for (std::size_t j = 1; j <= n; ++j) assigned[row_of[j] - 1] = slot[j - 1];
  return assigned;
}

std::int64_t lcm_of(std::int64_t a, std::int64_t b) { return detail::checked_lcm(a, b); }
detail::BigInt lcm_of(const detail::BigInt &a, const detail::BigInt &b) { return boost::multiprecision::lcm(a, b); }
std::int64_t times(std::int64_t a, std::int64_t b) { return detail::checked_multiply(a, b); }
detail::BigInt times(const detail::BigInt &a, const detail::BigInt &b) { return a * b; }

// Bits of the common denominator up to which a unit of n people is solved
// exactly: 128-bit integers always (native speed); longer multiprecision ones
// while n³ Hungarian steps on them stay around 2·10^8 word operations.
std::size_t exact_bits_limit(std::size_t n) {
  const double steps = std::pow(static_cast<double>(n), 3);
  return std::max<std::size_t>(120, static_cast<std::size_t>(64 * std::sqrt(2e8 / std::max(steps, 1.0))));
}

// The exact fits of a unit's cells (`fit_of(i)`, Number = detail::Fraction or
// detail::Rational) as integers: each times the least common denominator of
// them all, so that sums of scores compare exactly as sums of fits.
// detail::Fraction throws detail::Overflow when a value leaves 64 bits, and
// detail::Rational when the common denominator passes `max_bits`.
template <class Number, class FitOf>
auto exact_scores(std::size_t cells, FitOf fit_of, std::size_t max_bits = 0) {
  using Integer = std::decay_t<decltype(numerator(std::declval<Number>()))>;
  std::vector<Number> fits;
  fits.reserve(cells);
  Integer common(1);
  for (std::size_t i = 0; i < cells; ++i) {
    fits.push_back(fit_of(i));
    common = lcm_of(common, Integer(denominator(fits.back())));
    if constexpr (std::is_same_v<Integer, detail::BigInt>)
      if (boost::multiprecision::msb(common) > max_bits) throw detail::Overflow{};
  }
  std::vector<Integer> score(cells);
  for (std::size_t i = 0; i < cells; ++i)
    score[i] = times(Integer(numerator(fits[i])), Integer(common / Integer(denominator(fits[i]))));
  return score;
}

}  // namespace

std::vector<std::uint32_t> optimal_alignment(std::size_t k, std::span<const std::uint32_t> held,
                                             std::span<const std::int64_t> score) {
  return solve(k, held, score);
}

AlignmentResult align(const Model &model, const AlignmentOptions &options) {
  AlignmentResult result;
  result.threshold = options.threshold;
  std::unordered_map<std::string_view, std::size_t> position_index, unit_index;
  for (std::size_t p = 0; p < model.positions.size(); ++p) position_index.emplace(model.positions[p].id, p);
  for (std::size_t u = 0; u < model.units.size(); ++u) unit_index.emplace(model.units[u].id, u);

  // People of each unit who hold a known position, in model order.
  std::vector<std::vector<std::size_t>> members(model.units.size());
  std::vector<std::size_t> held_position(model.people.size(), 0);
  const auto fits = people_fit(model);
  result.people.reserve(model.people.size());
  for (std::size_t i = 0; i < model.people.size(); ++i) {
    const Person &person = model.people[i];
    PersonFit pf{person.id, person.unit, std::nullopt, fits[i], false};
    auto pos = person.position ? position_index.find(*person.position) : position_index.end();
    if (pos != position_index.end()) {
      pf.position = *person.position;
      held_position[i] = pos->second;
      if (auto u = unit_index.find(person.unit); u != unit_index.end()) members[u->second].push_back(i);
    }
    pf.below_threshold = pf.fit < options.threshold;
    if (pf.below_threshold) result.below_threshold.push_back(person.id);
    result.people.push_back(std::move(pf));
  }

  result.units.reserve(model.units.size());
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    UnitAlignment ua;
    ua.unit = model.units[u].id;
    const auto &people = members[u];
    const std::size_t n = people.size();
    ua.people = n;
    if (n > options.max_unit_people)
      throw LimitError("alignment: unit \"" + ua.unit + "\" has " + std::to_string(n) +
                       " people with a position, more than the limit of " + std::to_string(options.max_unit_people));
    // Distinct positions held in the unit, in order of first appearance.
    std::vector<std::size_t> positions;
    std::unordered_map<std::size_t, std::uint32_t> local;
    std::vector<std::uint32_t> held(n);
    for (std::size_t a = 0; a < n; ++a) {
      auto [it, fresh] = local.emplace(held_position[people[a]], static_cast<std::uint32_t>(positions.size()));
      if (fresh) positions.push_back(held_position[people[a]]);
      held[a] = it->second;
    }
    const std::size_t k = positions.size();
    std::vector<double> fit_matrix(n * k);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t p = 0; p < k; ++p)
        fit_matrix[a * k + p] = held[a] == p ? fits[people[a]] : fit(model.people[people[a]], model.positions[positions[p]]);
    std::vector<std::uint32_t> assigned(held);  // one position (k = 1): nobody can move
    if (k > 1) {
      auto cell = [&](auto exact_fit_of) {
        return [&, exact_fit_of](std::size_t i) {
          return exact_fit_of(model.people[people[i / k]], model.positions[positions[i % k]]);
        };
      };
      try {
        assigned = solve<std::int64_t>(k, held, exact_scores<detail::Fraction>(n * k, cell(small_exact_fit)));
      } catch (const detail::Overflow &) {
        try {
          assigned = solve<detail::BigInt>(k, held, exact_scores<detail::Rational>(n * k, cell(exact_fit), exact_bits_limit(n)));
        } catch (const detail::Overflow &) {
          assigned = solve_binary64(k, held, fit_matrix, options.tie_tolerance);
          ++result.approximate_units;
          logger()->info("alignment: unit {} solved in binary64 (exact scores too long), tolerance {}", u,
                         options.tie_tolerance);
        }
      }
    }
    for (std::size_t a = 0; a < n; ++a) {
      ua.current += fit_matrix[a * k + held[a]];
      ua.optimal += fit_matrix[a * k + assigned[a]];
      if (assigned[a] != held[a])
        ua.moves.push_back({model.people[people[a]].id, model.positions[positions[held[a]]].id,
                            model.positions[positions[assigned[a]]].id, fit_matrix[a * k + held[a]],
                            fit_matrix[a * k + assigned[a]]});
    }
    result.current += ua.current;
    result.optimal += ua.optimal;
    result.moves += ua.moves.size();
    result.units.push_back(std::move(ua));
  }
  return result;
}

}  // namespace servicechain
