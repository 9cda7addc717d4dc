// Collapsed views (DESIGN §4.15) on generated organizations of 10^3..10^6
// units with 10 services per unit, and the HTML report of 2·10^4 and 10^5
// units, which draws the collapsed chain (docs/performance.md, section
// "Collapsed views and the report at scale").
//   servicechain_bench_collapse [--benchmark_filter=...]   (SC_BENCH_MAX_UNITS caps the sizes)
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "servicechain/analysis/chain/analyze.hpp"
#include "servicechain/analysis/chain/collapse.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/report/html.hpp"
#include "organization_sizes.hpp"

using namespace servicechain;

namespace {

struct Fixture {
  std::size_t units = 0;
  Model model;
  std::unique_ptr<ChainGraph> graph;
  ChainAnalysis analysis;
};

Fixture &fixture(std::size_t units) {
  return bench::one_size_at_a_time<Fixture>(units, [](std::size_t n) {
    Fixture f;
    f.units = n;
    f.model = generate_organization(bench::organization_options(n));
    f.graph = std::make_unique<ChainGraph>(f.model);
    ChainAnalysisOptions options;
    options.structure.betweenness = false;
    f.analysis = analyze_chain(f.model, *f.graph, options);
    return f;
  });
}

void counters(benchmark::State &state, const Fixture &f) {
  const auto work = static_cast<double>(f.units + f.model.services.size());
  state.counters["units"] = static_cast<double>(f.units);
  state.counters["services"] = static_cast<double>(f.model.services.size());
  state.counters["ns_per_unit_or_service"] =
      benchmark::Counter(work, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert, benchmark::Counter::kIs1000);
}

/// collapse_chain at a fixed depth (2: 73 groups in the generator's 8-ary tree).
void BM_collapse_depth(benchmark::State &state, std::size_t units, std::uint32_t depth) {
  Fixture &f = fixture(units);
  std::size_t groups = 0, links = 0;
  for (auto _ : state) {
    CollapsedChain c = collapse_chain(f.model, *f.graph, f.analysis, depth);
    groups = c.groups.size();
    links = c.links.size();
    benchmark::DoNotOptimize(c.groups.data());
  }
  counters(state, f);
  state.counters["groups"] = static_cast<double>(groups);
  state.counters["links"] = static_cast<double>(links);
}

/// The depth for at most 40 groups, then collapse_chain: what the report does.
void BM_collapse_max_groups(benchmark::State &state, std::size_t units) {
  Fixture &f = fixture(units);
  for (auto _ : state) {
    auto c = collapse_for_request(f.model, *f.graph, f.analysis, {std::nullopt, 40});
    benchmark::DoNotOptimize(c->groups.data());
  }
  counters(state, f);
}

/// html_report from the analysis: the collapsed chain laid out by Graphviz, the
/// unit and group rankings (no plans, surveys or people).
void BM_report(benchmark::State &state, std::size_t units) {
  Fixture &f = fixture(units);
  std::size_t bytes = 0;
  for (auto _ : state) {
    HtmlReportInput input;
    input.model = &f.model;
    input.graph = f.graph.get();
    input.chain = &f.analysis;
    std::string html = html_report(input);
    bytes = html.size();
    benchmark::DoNotOptimize(html.data());
  }
  counters(state, f);
  state.counters["html_bytes"] = static_cast<double>(bytes);
}

void register_all() {
  const auto ms = benchmark::kMillisecond;
  for (std::size_t units : bench::organization_sizes()) {
    const std::string n = std::to_string(units);
    const bool big = units >= 1'000'000;
    benchmark::RegisterBenchmark(("collapse_depth1/" + n).c_str(), BM_collapse_depth, units, 1u)->Unit(ms)->Iterations(big ? 3 : 10);
    benchmark::RegisterBenchmark(("collapse_depth2/" + n).c_str(), BM_collapse_depth, units, 2u)->Unit(ms)->Iterations(big ? 3 : 10);
    benchmark::RegisterBenchmark(("collapse_depth4/" + n).c_str(), BM_collapse_depth, units, 4u)->Unit(ms)->Iterations(big ? 3 : 10);
    benchmark::RegisterBenchmark(("collapse_max40/" + n).c_str(), BM_collapse_max_groups, units)->Unit(ms)->Iterations(big ? 3 : 10);
  }
  // The report at 2·10^4 and 10^5 units (after the suite's sizes: one fixture at a time).
  const auto sizes = bench::organization_sizes();
  for (std::size_t units : {std::size_t{20'000}, std::size_t{100'000}})
    if (!sizes.empty() && units <= sizes.back())
      benchmark::RegisterBenchmark(("report_html/" + std::to_string(units)).c_str(), BM_report, units)->Unit(ms)->Iterations(3);
}

const bool registered = (register_all(), true);

}  // namespace
