#include "servicechain/analysis/people/alignment.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/error.hpp"

namespace servicechain {

std::vector<std::uint32_t> optimal_alignment(std::size_t k, std::span<const std::uint32_t> held,
                                             std::span<const double> fit) {
  const std::size_t n = held.size();
  if (fit.size() != n * k) throw ArgumentError("optimal_alignment: fit must have people × positions entries");
  for (auto p : held)
    if (p >= k) throw ArgumentError("optimal_alignment: a held position is out of range");
  if (n == 0) return {};

  // Two objectives in one exact integer cost: each fit is rounded to a grid of
  // 2^-bits and scaled by M = n+1, then 1 is added when the person changes
  // position. Any difference in total (rounded) fit outweighs every possible
  // number of moves (< M), so the minimum is lexicographic: best fit, then
  // fewest moves. `bits` keeps every potential below 2^61 (no overflow).
  const auto M = static_cast<std::int64_t>(n + 1);
  const int width = static_cast<int>(std::bit_width(n + 1));
  const int bits = std::clamp(59 - 2 * width, 1, 32);
  const std::int64_t scale = std::int64_t{1} << bits;
  std::vector<std::int64_t> base(n * k);  // (scale − round(fit·scale))·M  >= 0
  for (std::size_t i = 0; i < n * k; ++i) {
    double f = std::clamp(std::isfinite(fit[i]) ? fit[i] : 0.0, 0.0, 1.0);
    base[i] = (scale - std::llround(f * static_cast<double>(scale))) * M;
  }
  // Column j is one slot of the multiset of held positions.
  std::vector<std::uint32_t> slot(held.begin(), held.end());
  std::sort(slot.begin(), slot.end());
  auto cost = [&](std::size_t i, std::size_t j) {
    return base[i * k + slot[j]] + (held[i] != slot[j] ? 1 : 0);
  };

  // Hungarian method with potentials (rows = people, columns = slots), 1-based
  // with a virtual column 0; O(n³).
  constexpr std::int64_t inf = std::numeric_limits<std::int64_t>::max();
  std::vector<std::int64_t> u(n + 1, 0), v(n + 1, 0), minv(n + 1);
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
      std::int64_t delta = inf;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= n; ++j) {
        if (used[j]) continue;
        std::int64_t reduced = cost(i0 - 1, j - 1) - u[i0] - v[j];
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
  std::vector<std::uint32_t> assigned(n);
  for (std::size_t j = 1; j <= n; ++j) assigned[row_of[j] - 1] = slot[j - 1];
  return assigned;
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
    auto assigned = optimal_alignment(k, held, fit_matrix);
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
