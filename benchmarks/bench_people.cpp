// Alignment solver (dense Hungarian, O(n³)) on one unit of n people, and the
// whole people analysis (fit, alignment, training needs) on a synthetic organization.
#include <benchmark/benchmark.h>
#include <random>

#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/training.hpp"

using namespace servicechain;

namespace {

struct Unit {
  std::size_t k;
  std::vector<std::uint32_t> held;
  std::vector<std::int64_t> score;
};

// n people over k positions; integer scores (fits times a common denominator) on
// a coarse grid (many ties, the hard case for the tie-break) or spread over 2^32.
Unit random_unit(std::size_t n, std::size_t k, bool coarse) {
  std::mt19937 rng(42);
  Unit u{k, std::vector<std::uint32_t>(n), std::vector<std::int64_t>(n * k)};
  for (std::size_t i = 0; i < n; ++i) u.held[i] = static_cast<std::uint32_t>(i < k ? i : rng() % k);
  for (auto &f : u.score) f = coarse ? static_cast<std::int64_t>(rng() % 5) : static_cast<std::int64_t>(rng());
  return u;
}

void BM_Alignment(benchmark::State &state) {
  auto n = static_cast<std::size_t>(state.range(0));
  auto k = static_cast<std::size_t>(state.range(1));
  auto unit = random_unit(n, k == 0 ? n : k, state.range(2) != 0);
  for (auto _ : state) benchmark::DoNotOptimize(optimal_alignment(unit.k, unit.held, unit.score));
  state.counters["people"] = static_cast<double>(n);
}
// args: people, distinct positions (0: all distinct), coarse fits
BENCHMARK(BM_Alignment)
    ->Args({100, 10, 0})
    ->Args({300, 10, 0})
    ->Args({300, 10, 1})
    ->Args({300, 0, 0})
    ->Args({600, 20, 0})
    ->Args({600, 20, 1})
    ->Args({1000, 20, 0})
    ->Unit(benchmark::kMillisecond);

Model synthetic(std::size_t units, std::size_t per_unit) {
  std::mt19937 rng(7);
  Model m;
  const char *comps[] = {"customer_orientation", "communication", "active_listening", "problem_solving",
                         "complaint_handling", "stress_management", "teamwork", "leadership"};
  for (std::size_t u = 0; u < units; ++u) {
    servicechain::Unit unit;
    unit.id = "u" + std::to_string(u);
    unit.level = u == 0 ? Level::directive : u < units / 10 ? Level::managerial : Level::operative;
    m.units.push_back(unit);
    for (int p = 0; p < 5; ++p) {
      Position pos;
      pos.id = unit.id + "_p" + std::to_string(p);
      pos.unit = unit.id;
      for (const char *c : comps)
        if (rng() % 2) pos.requires_levels.emplace_back(c, 1 + rng() % 5);
      m.positions.push_back(pos);
    }
    for (std::size_t i = 0; i < per_unit; ++i) {
      Person person;
      person.id = unit.id + "_e" + std::to_string(i);
      person.unit = unit.id;
      person.position = unit.id + "_p" + std::to_string(rng() % 5);
      for (const char *c : comps) person.competencies.emplace_back(c, rng() % 6);
      m.people.push_back(person);
    }
  }
  return m;
}

void BM_PeopleAnalysis(benchmark::State &state) {
  auto m = synthetic(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  std::vector<double> impact(m.units.size(), 1.0);
  for (auto _ : state) {
    benchmark::DoNotOptimize(align(m));
    benchmark::DoNotOptimize(training_needs(m, impact));
  }
  state.counters["people"] = static_cast<double>(m.people.size());
}
// args: units, people per unit
BENCHMARK(BM_PeopleAnalysis)->Args({100, 50})->Args({1000, 50})->Unit(benchmark::kMillisecond);

}  // namespace
