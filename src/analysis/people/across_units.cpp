// Alignment across the units of each level (docs/people.md, "Alignment across
// units"). The exact assignment comes from optimal_alignment() (alignment.hpp);
// this file pools the people, computes integer scores, splits the optimum into
// exchange cycles and keeps the best cycles within a limit on moves.
#include "servicechain/analysis/people/across_units.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "fit_exact.hpp"
#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/error.hpp"
#include "servicechain/io/json_writer.hpp"

namespace servicechain {
namespace {

// The people of the units of one level who hold a known position, and the
// distinct positions they hold (a position may be of another level than its unit).
struct Pool {
  std::vector<std::size_t> people;     // model indices, model order
  std::vector<std::size_t> positions;  // model indices, order of first appearance
  std::vector<std::uint32_t> held;     // local position of each person
  std::vector<double> fit;             // people × positions, binary64 fits
};

// Each fit times the least common denominator of them all, as exact integers
// (so sums compare as sums of fits); when the exact values leave 64 bits, the
// fits rounded to multiples of 2^-40 (documented: differences below that may tie).
std::vector<std::int64_t> integer_scores(const Model &model, const Pool &pool) {
  const std::size_t n = pool.people.size(), k = pool.positions.size();
  auto person = [&](std::size_t i) -> const Person & { return model.people[pool.people[i / k]]; };
  auto position = [&](std::size_t i) -> const Position & { return model.positions[pool.positions[i % k]]; };
  std::vector<std::int64_t> score(n * k);
  try {
    std::vector<detail::Fraction> exact;
    exact.reserve(n * k);
    std::int64_t common = 1;
    for (std::size_t i = 0; i < n * k; ++i) {
      exact.push_back(small_exact_fit(person(i), position(i)));
      common = detail::checked_lcm(common, exact.back().denominator());
    }
    for (std::size_t i = 0; i < n * k; ++i)
      score[i] = detail::checked_multiply(exact[i].numerator(), common / exact[i].denominator());
    return score;
  } catch (const detail::Overflow &) {
    for (std::size_t i = 0; i < n * k; ++i) score[i] = std::llround(std::ldexp(pool.fit[i], 40));
    return score;
  }
}

// An exchange cycle of the optimum: each member takes the slot the next one leaves.
struct Cycle {
  int level = 0;
  std::vector<std::size_t> members;  // pool indices
  double gain = 0;
};

// Splits the change from `held` to `assigned` into cycles. A mover entering
// position p is paired with a mover leaving p: first mutual swaps, then in
// people order. Every cycle of an optimum with the fewest moves gains > 0
// (docs/people.md), so any subset of them can be applied alone.
std::vector<Cycle> exchange_cycles(const Pool &pool, const std::vector<std::uint32_t> &assigned, int level) {
  const std::size_t n = pool.people.size(), k = pool.positions.size();
  std::vector<std::vector<std::size_t>> leaving(k);
  for (std::size_t a = 0; a < n; ++a)
    if (assigned[a] != pool.held[a]) leaving[pool.held[a]].push_back(a);
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> next(n, none);  // next[a]: the mover whose slot a takes
  std::vector<char> taken(n, 0);
  auto pair = [&](bool swaps_only) {
    for (std::size_t a = 0; a < n; ++a) {
      if (assigned[a] == pool.held[a] || next[a] != none) continue;
      for (std::size_t b : leaving[assigned[a]]) {
        if (taken[b] || (swaps_only && assigned[b] != pool.held[a])) continue;
        next[a] = b;
        taken[b] = 1;
        break;
      }
    }
  };
  pair(true);
  pair(false);
  std::vector<Cycle> cycles;
  std::vector<char> seen(n, 0);
  for (std::size_t a = 0; a < n; ++a) {
    if (assigned[a] == pool.held[a] || seen[a]) continue;
    Cycle c{level, {}, 0};
    for (std::size_t b = a; !seen[b]; b = next[b]) {
      seen[b] = 1;
      c.members.push_back(b);
      c.gain += pool.fit[b * k + assigned[b]] - pool.fit[b * k + pool.held[b]];
    }
    cycles.push_back(std::move(c));
  }
  return cycles;
}

// The subset of cycles with at most `limit` members in all that gains most (0/1
// knapsack by dynamic programming over the number of moves; among equal gains,
// within 1e-12, the fewest moves, then the earlier cycles). Above 5·10^7 cells
// the cycles are taken greedily by gain per move instead.
std::vector<char> choose_cycles(const std::vector<Cycle> &cycles, std::optional<std::size_t> limit) {
  std::vector<char> chosen(cycles.size(), 1);
  std::size_t total = 0;
  for (const auto &c : cycles) total += c.members.size();
  if (!limit || total <= *limit) return chosen;
  const std::size_t cap = *limit, m = cycles.size();
  std::fill(chosen.begin(), chosen.end(), 0);
  if ((cap + 1) * (m + 1) > 50'000'000) {
    std::vector<std::size_t> order(m);
    for (std::size_t i = 0; i < m; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return cycles[a].gain / static_cast<double>(cycles[a].members.size()) >
             cycles[b].gain / static_cast<double>(cycles[b].members.size());
    });
    std::size_t used = 0;
    for (std::size_t i : order)
      if (used + cycles[i].members.size() <= cap) {
        chosen[i] = 1;
        used += cycles[i].members.size();
      }
    return chosen;
  }
  constexpr double impossible = -std::numeric_limits<double>::infinity();
  // best[j]: the largest gain with exactly j moves, using the cycles seen so far.
  std::vector<double> best(cap + 1, impossible);
  best[0] = 0;
  std::vector<std::vector<char>> take(m, std::vector<char>(cap + 1, 0));
  for (std::size_t i = 0; i < m; ++i) {  // a later cycle replaces earlier ones only when strictly better
    const std::size_t len = cycles[i].members.size();
    for (std::size_t j = cap; j >= len && j > 0; --j)
      if (best[j - len] != impossible && best[j - len] + cycles[i].gain > best[j] + 1e-12) {
        best[j] = best[j - len] + cycles[i].gain;
        take[i][j] = 1;
      }
  }
  std::size_t j = 0;
  for (std::size_t c = 1; c <= cap; ++c)
    if (best[c] > best[j] + 1e-12) j = c;
  for (std::size_t i = m; i-- > 0 && j > 0;)
    if (take[i][j]) {
      chosen[i] = 1;
      j -= cycles[i].members.size();
    }
  return chosen;
}

std::array<Pool, 3> make_pools(const Model &model, const std::vector<double> &fits) {
  std::unordered_map<std::string_view, std::size_t> position_index;
  for (std::size_t p = 0; p < model.positions.size(); ++p) position_index.emplace(model.positions[p].id, p);
  std::unordered_map<std::string_view, Level> unit_level;  // pools are by the level of the person's unit
  for (const auto &u : model.units) unit_level.emplace(u.id, u.level);
  std::array<Pool, 3> pools;
  std::array<std::unordered_map<std::size_t, std::uint32_t>, 3> local;
  for (std::size_t i = 0; i < model.people.size(); ++i) {
    const Person &person = model.people[i];
    auto pos = person.position ? position_index.find(*person.position) : position_index.end();
    auto unit = unit_level.find(person.unit);
    if (pos == position_index.end() || unit == unit_level.end()) continue;
    const int l = static_cast<int>(unit->second);
    auto [it, fresh] = local[l].emplace(pos->second, static_cast<std::uint32_t>(pools[l].positions.size()));
    if (fresh) pools[l].positions.push_back(pos->second);
    pools[l].people.push_back(i);
    pools[l].held.push_back(it->second);
  }
  for (auto &pool : pools) {
    const std::size_t n = pool.people.size(), k = pool.positions.size();
    pool.fit.resize(n * k);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t p = 0; p < k; ++p)
        pool.fit[a * k + p] = pool.held[a] == p ? fits[pool.people[a]]
                                                : fit(model.people[pool.people[a]], model.positions[pool.positions[p]]);
  }
  return pools;
}

std::vector<BestPosition> best_positions(const Model &model, const std::vector<double> &fits, double threshold) {
  std::vector<BestPosition> out;
  for (std::size_t i = 0; i < model.people.size(); ++i) {
    if (!(fits[i] < threshold)) continue;
    const Person &person = model.people[i];
    BestPosition b{person.id, person.unit, person.position, fits[i], {}, {}, -1};
    for (const auto &position : model.positions)
      if (double f = fit(person, position); f > b.best_fit) {
        b.best_fit = f;
        b.best_position = position.id;
        b.best_unit = position.unit;
      }
    if (b.best_fit < 0) b.best_fit = 0;  // a model without positions
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

AcrossUnitsResult align_across_units(const Model &model, const AcrossUnitsOptions &options) {
  AcrossUnitsResult result;
  result.threshold = options.threshold;
  result.max_moves = options.max_moves;
  const auto fits = people_fit(model);
  const auto pools = make_pools(model, fits);
  std::array<std::vector<std::uint32_t>, 3> assigned;
  std::vector<Cycle> cycles;
  for (int l = 0; l < 3; ++l) {
    const Pool &pool = pools[l];
    if (pool.people.size() > options.max_level_people)
      throw LimitError("alignment across units: the " + std::string(to_string(static_cast<Level>(l))) + " level has " +
                       std::to_string(pool.people.size()) + " people with a position, more than the limit of " +
                       std::to_string(options.max_level_people));
    assigned[l] = pool.positions.size() > 1 ? optimal_alignment(pool.positions.size(), pool.held, integer_scores(model, pool))
                                            : pool.held;
    auto level_cycles = exchange_cycles(pool, assigned[l], l);
    cycles.insert(cycles.end(), std::make_move_iterator(level_cycles.begin()), std::make_move_iterator(level_cycles.end()));
  }
  const auto chosen = choose_cycles(cycles, options.max_moves);
  std::array<std::vector<std::size_t>, 3> cycle_of;  // per pool member: chosen cycle number + 1, or 0
  std::array<std::size_t, 3> cycle_number{};
  for (int l = 0; l < 3; ++l) cycle_of[l].assign(pools[l].people.size(), 0);
  for (std::size_t c = 0; c < cycles.size(); ++c)
    if (chosen[c]) {
      const int l = cycles[c].level;
      ++cycle_number[l];
      for (std::size_t a : cycles[c].members) cycle_of[l][a] = cycle_number[l];
    }
  for (int l = 0; l < 3; ++l) {
    const Pool &pool = pools[l];
    if (pool.people.empty()) continue;
    const std::size_t k = pool.positions.size();
    LevelAcrossUnits level{static_cast<Level>(l), pool.people.size(), 0, 0, 0, 0, {}};
    for (std::size_t a = 0; a < pool.people.size(); ++a) {
      const double now = pool.fit[a * k + pool.held[a]], best = pool.fit[a * k + assigned[l][a]];
      level.current += now;
      level.optimal += best;
      if (assigned[l][a] != pool.held[a]) ++level.optimal_moves;
      if (!cycle_of[l][a]) {
        level.aligned += now;
        continue;
      }
      level.aligned += best;
      const Person &person = model.people[pool.people[a]];
      const Position &to = model.positions[pool.positions[assigned[l][a]]];
      level.moves.push_back({person.id, person.unit, model.positions[pool.positions[pool.held[a]]].id, to.unit, to.id, now,
                             best, cycle_of[l][a] - 1});
      if (to.unit != person.unit) ++result.across;
    }
    result.current += level.current;
    result.optimal += level.optimal;
    result.aligned += level.aligned;
    result.moves += level.moves.size();
    result.optimal_moves += level.optimal_moves;
    result.levels.push_back(std::move(level));
  }
  result.below_threshold = best_positions(model, fits, options.threshold);
  return result;
}

void write_json(JsonWriter &w, const AcrossUnitsResult &r) {
  w.begin_object().field("threshold", r.threshold);
  if (r.max_moves) w.field("max_moves", static_cast<std::uint64_t>(*r.max_moves));
  else w.key("max_moves").null();
  w.field("current", r.current).field("optimal", r.optimal).field("aligned", r.aligned)
      .field("moves", static_cast<std::uint64_t>(r.moves)).field("across", static_cast<std::uint64_t>(r.across))
      .field("optimal_moves", static_cast<std::uint64_t>(r.optimal_moves));
  w.key("levels").begin_array();
  for (const auto &l : r.levels) {
    w.begin_object().field("level", to_string(l.level)).field("people", static_cast<std::uint64_t>(l.people))
        .field("current", l.current).field("optimal", l.optimal).field("aligned", l.aligned)
        .field("optimal_moves", static_cast<std::uint64_t>(l.optimal_moves));
    w.key("moves").begin_array();
    for (const auto &m : l.moves)
      w.begin_object().field("person", m.person).field("from_unit", m.from_unit).field("from", m.from)
          .field("to_unit", m.to_unit).field("to", m.to).field("fit_from", m.fit_from).field("fit_to", m.fit_to)
          .field("cycle", static_cast<std::uint64_t>(m.cycle)).end_object();
    w.end_array().end_object();
  }
  w.end_array();
  w.key("below_threshold").begin_array();
  for (const auto &b : r.below_threshold)
    w.begin_object().field("id", b.id).field("unit", b.unit).field("position", b.position).field("fit", b.fit)
        .field("best_position", b.best_position).field("best_unit", b.best_unit).field("best_fit", b.best_fit).end_object();
  w.end_array().end_object();
}

}  // namespace servicechain
