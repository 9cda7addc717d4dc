// Simulation throughput (encounters per second, 1 vs 2 threads) and the time of
// an exact plan selection over 25 candidates, both on the bundled hotel.
#include <benchmark/benchmark.h>

#include <random>

#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/analysis/simulation/simulation.hpp"
#include "servicechain/bundled.hpp"
#include "servicechain/io/model_json.hpp"

using namespace servicechain;

namespace {

const Model &hotel() {
  static const Model model = load_model_json(example_model_json(Language::en));
  return model;
}

void BM_Simulate(benchmark::State &state) {
  const Model &m = hotel();
  ChainGraph graph(m);
  auto s = intrinsic_quality(m);
  SimulationOptions o;
  o.runs = 64;
  o.threads = static_cast<unsigned>(state.range(0));
  std::uint64_t encounters = 0;
  for (auto _ : state) {
    auto r = simulate(m, graph, s, o);
    encounters += r.encounters_per_run * r.runs;
    benchmark::DoNotOptimize(r.csi.mean);
  }
  state.counters["encounters_per_s"] = benchmark::Counter(static_cast<double>(encounters), benchmark::Counter::kIsRate);
  state.counters["threads"] = static_cast<double>(o.threads);
}
BENCHMARK(BM_Simulate)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// 25 plan-stage actions with random effects on the hotel's units and people, a
// few `after` links, and a budget of about a third of their total cost.
Plan plan_with_25_candidates(const Model &m, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u01(0.0, 1.0);
  Plan plan;
  plan.id = "bench";
  double total = 0;
  for (int i = 0; i < 25; ++i) {
    Action a;
    a.id = "b" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    a.cost = static_cast<double>(100 + rng() % 2000);
    total += a.cost;
    a.duration_days = static_cast<double>(1 + rng() % 30);
    if (i > 0 && u01(rng) < 0.3) a.after.push_back(plan.actions[rng() % static_cast<unsigned>(i)].id);
    int kind = static_cast<int>(rng() % 3);
    a.target = {ActionTarget::Kind::unit, m.units[rng() % m.units.size()].id};
    if (kind == 0) a.effect = {ActionEffect::Kind::quality, 0.02 + 0.08 * u01(rng), ""};
    else if (kind == 1) a.effect = {ActionEffect::Kind::morale, 0.05 + 0.1 * u01(rng), ""};
    else a.effect = {ActionEffect::Kind::competency, 1, m.competencies[rng() % m.competencies.size()].id};
    plan.actions.push_back(a);
  }
  plan.budget = total / 3;
  return plan;
}

void BM_PlanSelection25(benchmark::State &state) {
  Model m = hotel();
  m.plans = {plan_with_25_candidates(m, static_cast<std::uint32_t>(state.range(0)))};
  std::size_t evaluations = 0;
  for (auto _ : state) {
    auto r = select_actions(m, m.plans.front());
    evaluations = r.evaluations;
    benchmark::DoNotOptimize(r.csi_after);
  }
  state.counters["evaluations"] = static_cast<double>(evaluations);
}
BENCHMARK(BM_PlanSelection25)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

}  // namespace
