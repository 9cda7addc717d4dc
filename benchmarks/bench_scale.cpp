// The analyses the chain suite (bench_chain.cpp) does not cover, at
// organization scale: people alignment and training needs, plan selection,
// simulation, SERVQUAL and handover mining, on generated organizations of
// 10^3..10^6 units (10 services and 3 people per unit, one 20-action plan, a
// survey of one respondent per unit and an event log of one case per unit,
// all from `servicechain generate`'s generators). docs/performance.md, section
// "At organization scale".
//   servicechain_bench_scale [--benchmark_filter=...]   (SC_BENCH_MAX_UNITS caps the sizes)
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/mining/social.hpp"
#include "servicechain/analysis/people/alignment.hpp"
#include "servicechain/analysis/people/fit.hpp"
#include "servicechain/analysis/people/training.hpp"
#include "servicechain/analysis/plans/plan.hpp"
#include "servicechain/analysis/simulation/simulation.hpp"
#include "servicechain/analysis/survey/servqual.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/io/csv.hpp"
#include "organization_sizes.hpp"

using namespace servicechain;

namespace {

struct Organization {
  std::size_t units = 0;
  Model model;
  std::unique_ptr<ChainGraph> graph;
  std::vector<double> intrinsic;
  std::string survey, event_log;
};

Organization &organization(std::size_t units) {
  return bench::one_size_at_a_time<Organization>(units, [](std::size_t n) {
    Organization org;
    org.units = n;
    GenerateOptions o = bench::organization_options(n);
    o.people_per_unit = 3;
    o.plan_actions = 20;
    org.model = generate_organization(o);
    org.graph = std::make_unique<ChainGraph>(org.model);
    org.intrinsic = intrinsic_quality(org.model);
    GeneratedSurveyOptions survey;
    survey.respondents = n;
    org.survey = generate_servqual_csv(org.model, survey);
    GeneratedEventLogOptions log;
    log.cases = n;
    org.event_log = generate_event_log_csv(org.model, log);
    return org;
  });
}

void per_unit(benchmark::State &state, const Organization &org) {
  state.counters["units"] = static_cast<double>(org.units);
  // Seconds per unit, printed with an SI prefix (e.g. 1.2us).
  state.counters["time_per_unit"] = benchmark::Counter(
      static_cast<double>(org.units), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert,
      benchmark::Counter::kIs1000);
}

void BM_align(benchmark::State &state, std::size_t units) {
  Organization &org = organization(units);
  for (auto _ : state) benchmark::DoNotOptimize(align(org.model));
  per_unit(state, org);
  state.counters["people"] = static_cast<double>(org.model.people.size());
}

void BM_training(benchmark::State &state, std::size_t units) {
  Organization &org = organization(units);
  const std::vector<double> impact(org.model.units.size(), 1.0);
  for (auto _ : state) benchmark::DoNotOptimize(training_needs(org.model, impact));
  per_unit(state, org);
}

void BM_plan_selection(benchmark::State &state, std::size_t units) {
  Organization &org = organization(units);
  const Plan &plan = find_plan(org.model, "plan-1");
  for (auto _ : state) benchmark::DoNotOptimize(select_actions(org.model, plan));
  per_unit(state, org);
  state.counters["actions"] = static_cast<double>(plan.actions.size());
}

void BM_simulate(benchmark::State &state, std::size_t units) {
  Organization &org = organization(units);
  SimulationOptions options;
  options.runs = 16;
  options.threads = 2;
  for (auto _ : state) benchmark::DoNotOptimize(simulate(org.model, *org.graph, org.intrinsic, options));
  per_unit(state, org);
  state.counters["runs"] = static_cast<double>(options.runs);
}

void BM_servqual(benchmark::State &state, std::size_t units) {
  Organization &org = organization(units);
  for (auto _ : state) {
    auto reader = CsvReader::from_text(org.survey, "survey.csv");
    benchmark::DoNotOptimize(servqual(reader));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(org.survey.size()));
  state.counters["respondents"] = static_cast<double>(org.units);
}

void BM_mine_handover(benchmark::State &state, std::size_t units) {
  Organization &org = organization(units);
  for (auto _ : state) benchmark::DoNotOptimize(handover_of_work(EventLogSource::text(org.event_log, "log.csv")));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(org.event_log.size()));
  state.counters["cases"] = static_cast<double>(org.units);
}

void register_all() {
  for (std::size_t units : bench::organization_sizes()) {
    const std::string n = std::to_string(units);
    const int iterations = units >= 1'000'000 ? 1 : units >= 100'000 ? 2 : 5;
    const auto ms = benchmark::kMillisecond;
    benchmark::RegisterBenchmark(("people_align/" + n).c_str(), BM_align, units)->Unit(ms)->Iterations(iterations);
    benchmark::RegisterBenchmark(("people_training/" + n).c_str(), BM_training, units)->Unit(ms)->Iterations(iterations);
    benchmark::RegisterBenchmark(("plan_selection/" + n).c_str(), BM_plan_selection, units)->Unit(ms)->Iterations(1);
    benchmark::RegisterBenchmark(("simulate_16runs_2threads/" + n).c_str(), BM_simulate, units)
        ->Unit(ms)->Iterations(1)->UseRealTime();
    benchmark::RegisterBenchmark(("servqual/" + n).c_str(), BM_servqual, units)->Unit(ms)->Iterations(iterations);
    benchmark::RegisterBenchmark(("mine_handover/" + n).c_str(), BM_mine_handover, units)->Unit(ms)->Iterations(iterations);
  }
}

const bool registered = (register_all(), true);

}  // namespace
