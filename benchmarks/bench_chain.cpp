// Chain analyses on generated organizations of 10^3..10^6 units with 10
// services per unit, in both shapes of DESIGN §6: "local" (small circular
// dependencies) and "giant" (a few support units that serve and are served by
// almost everyone: one giant component). docs/performance.md, section "chain".
// Every benchmark reports items = services, so the rate reads as services per second.
//   servicechain_bench_chain [--benchmark_filter=...]   (SC_BENCH_MAX_UNITS caps the sizes)
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "servicechain/analysis/chain/graph.hpp"
#include "servicechain/analysis/chain/impact.hpp"
#include "servicechain/analysis/chain/metrics.hpp"
#include "servicechain/analysis/chain/propagation.hpp"
#include "servicechain/analysis/chain/structure.hpp"
#include "servicechain/analysis/scc.hpp"
#include "servicechain/generate.hpp"
#include "servicechain/io/files.hpp"
#include "servicechain/io/model_json.hpp"
#include "organization_sizes.hpp"

using namespace servicechain;

namespace {

struct Fixture {
  std::size_t units = 0;
  bench::Shape shape = bench::Shape::local;
  Model model;
  std::unique_ptr<ChainGraph> graph;
  std::vector<double> intrinsic;
  std::vector<double> linear_q, geometric_q;
  std::size_t services() const { return graph->in_sources().size(); }
};

Fixture &fixture(std::size_t units, bench::Shape shape = bench::Shape::local) {
  // One fixture at a time, keyed by size and shape.
  const std::size_t key = 2 * units + (shape == bench::Shape::giant ? 1 : 0);
  return bench::one_size_at_a_time<Fixture>(key, [](std::size_t k) {
    Fixture f;
    f.units = k / 2;
    f.shape = k % 2 ? bench::Shape::giant : bench::Shape::local;
    const std::size_t n = f.units;
    f.model = generate_organization(bench::organization_options(n, f.shape));
    f.graph = std::make_unique<ChainGraph>(f.model);
    f.intrinsic.reserve(n);
    for (const Unit &u : f.model.units) f.intrinsic.push_back(*u.quality);
    f.linear_q = propagate(*f.graph, f.intrinsic, PropagationModel::linear).delivered;
    f.geometric_q = propagate(*f.graph, f.intrinsic, PropagationModel::geometric).delivered;
    return f;
  });
}

void per_service(benchmark::State &state, const Fixture &f) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(f.services()));
  state.counters["units"] = static_cast<double>(f.units);
  state.counters["services"] = static_cast<double>(f.services());
  state.counters["ns_per_service"] = benchmark::Counter(
      static_cast<double>(f.services()), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert,
      benchmark::Counter::kIs1000);
}

/// Reading a model file as the CLI does (read, parse in pieces on up to four
/// threads, validate): wall time, since the pieces run on several threads.
void BM_load_json(benchmark::State &state, std::size_t units, bench::Shape shape) {
  Fixture &f = fixture(units, shape);
  const auto file = std::filesystem::temp_directory_path() / ("servicechain_bench_" + std::to_string(units) + ".json");
  std::size_t bytes = 0;
  {
    const std::string text = to_json(f.model);  // freed before the loads: 1.3 GB at 10^6
    write_file_atomic(file, text);
    bytes = text.size();
  }
  for (auto _ : state) {
    Model m = load_model(file);  // read + parse + validate
    benchmark::DoNotOptimize(m.units.data());
  }
  std::filesystem::remove(file);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_graph_freeze(benchmark::State &state, std::size_t units, bench::Shape shape) {
  Fixture &f = fixture(units, shape);
  for (auto _ : state) {
    ChainGraph g(f.model);
    benchmark::DoNotOptimize(g.in_sources().data());
  }
  per_service(state, f);
}

/// The physical limit of one propagation sweep: y_v = a_v + Σ w·x_u over the
/// same CSR arrays, no ordering, no components.
void BM_csr_sweep_baseline(benchmark::State &state, std::size_t units, bench::Shape shape) {
  Fixture &f = fixture(units, shape);
  auto off = f.graph->in_offsets();
  auto src = f.graph->in_sources();
  auto w = f.graph->in_weights();
  const std::vector<double> &x = f.linear_q;
  std::vector<double> y(units);
  for (auto _ : state) {
    for (std::size_t v = 0; v < units; ++v) {
      double acc = f.intrinsic[v];
      for (std::uint32_t e = off[v]; e < off[v + 1]; ++e) acc += w[e] * x[src[e]];
      y[v] = acc;
    }
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  per_service(state, f);
}

void BM_propagate(benchmark::State &state, std::size_t units, bench::Shape shape, PropagationModel model) {
  Fixture &f = fixture(units, shape);
  std::size_t iterations = 0;
  for (auto _ : state) {
    PropagationResult r = propagate(*f.graph, f.intrinsic, model);
    iterations = r.iterations;
    benchmark::DoNotOptimize(r.delivered.data());
  }
  per_service(state, f);
  // On the giant component the solve is Gauss-Seidel sweeps: what one costs per service.
  state.counters["solver_sweeps"] = static_cast<double>(iterations);
  if (iterations > 0)
    state.counters["ns_per_service_per_sweep"] =
        benchmark::Counter(static_cast<double>(f.services() * iterations),
                           benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert,
                           benchmark::Counter::kIs1000);
}

void BM_impact(benchmark::State &state, std::size_t units, bench::Shape shape, PropagationModel model) {
  Fixture &f = fixture(units, shape);
  const auto &q = model == PropagationModel::linear ? f.linear_q : f.geometric_q;
  std::size_t iterations = 0;
  for (auto _ : state) {
    ImpactResult r = impact(*f.graph, f.intrinsic, q, model);
    iterations = r.iterations;
    benchmark::DoNotOptimize(r.impact.data());
  }
  per_service(state, f);
  state.counters["solver_sweeps"] = static_cast<double>(iterations);
}

void BM_weakest_upstream(benchmark::State &state, std::size_t units, bench::Shape shape) {
  Fixture &f = fixture(units, shape);
  for (auto _ : state) {
    auto w = weakest_upstream(f.model, *f.graph, f.intrinsic);
    benchmark::DoNotOptimize(w.data());
  }
  per_service(state, f);
}

void BM_customer_distance(benchmark::State &state, std::size_t units, bench::Shape shape) {
  Fixture &f = fixture(units, shape);
  for (auto _ : state) {
    auto d = customer_distance(*f.graph);
    benchmark::DoNotOptimize(d.data());
  }
  per_service(state, f);
}

void BM_scc(benchmark::State &state, std::size_t units, bench::Shape shape) {
  Fixture &f = fixture(units, shape);
  for (auto _ : state) {
    SccResult r = strongly_connected_components(f.graph->out_offsets(), f.graph->out_targets());
    benchmark::DoNotOptimize(r.component.data());
  }
  per_service(state, f);
}

void BM_articulation_bridges(benchmark::State &state, std::size_t units, bench::Shape shape) {
  Fixture &f = fixture(units, shape);
  std::vector<bool> articulation;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> bridges;
  for (auto _ : state) {
    articulation_and_bridges(*f.graph, articulation, bridges);
    benchmark::DoNotOptimize(bridges.data());
  }
  per_service(state, f);
}

void BM_betweenness(benchmark::State &state, std::size_t units, bench::Shape shape, bool exact, unsigned threads) {
  Fixture &f = fixture(units, shape);
  std::vector<std::uint32_t> sources;
  if (exact) {
    for (std::uint32_t v = 0; v < units; ++v) sources.push_back(v);
  } else {
    sources = betweenness_sample(units, 256, 42);
  }
  for (auto _ : state) {
    auto b = betweenness_from_sources(*f.graph, sources, threads);
    benchmark::DoNotOptimize(b.data());
  }
  per_service(state, f);
  state.counters["sources"] = static_cast<double>(sources.size());
}

/// The estimate with a guarantee (DESIGN §4.4): epsilon 0.01, delta 0.1, the
/// analyze default above 5,000 units; wall time on `threads` threads.
void BM_betweenness_estimate(benchmark::State &state, std::size_t units, bench::Shape shape,
                             BetweennessEstimate method, unsigned threads) {
  Fixture &f = fixture(units, shape);
  std::size_t samples = 0, first = 0;
  for (auto _ : state) {
    auto r = estimate_betweenness(*f.graph, method, 0.01, 0.1, 42, threads);
    samples = r.samples;
    first = r.first_phase;
    benchmark::DoNotOptimize(r.betweenness.data());
  }
  per_service(state, f);
  state.counters["samples"] = static_cast<double>(samples);
  state.counters["first_phase"] = static_cast<double>(first);
}

/// The floor under sampled betweenness: the same 256 breadth-first searches
/// over the same CSR arrays, discovering vertices only (no path counts, no
/// successor lists, no accumulation), 1 thread. Brandes' search must do at
/// least this; docs/performance.md reports betweenness relative to it.
void BM_bfs_baseline(benchmark::State &state, std::size_t units, bench::Shape shape) {
  Fixture &f = fixture(units, shape);
  const std::vector<std::uint32_t> sources = betweenness_sample(units, 256, 42);
  auto off = f.graph->out_offsets();
  auto targets = f.graph->out_targets();
  std::vector<std::int32_t> dist(units, -1);
  std::vector<std::uint32_t> queue(units);
  std::size_t reached_total = 0;
  for (auto _ : state) {
    reached_total = 0;
    for (std::uint32_t source : sources) {
      std::size_t reached = 0;
      queue[reached++] = source;
      dist[source] = 0;
      for (std::size_t head = 0; head < reached; ++head) {
        const std::uint32_t v = queue[head];
        for (std::uint32_t e = off[v]; e < off[v + 1]; ++e)
          if (dist[targets[e]] < 0) {
            dist[targets[e]] = dist[v] + 1;
            queue[reached++] = targets[e];
          }
      }
      for (std::size_t i = 0; i < reached; ++i) dist[queue[i]] = -1;
      reached_total += reached;
    }
    benchmark::DoNotOptimize(queue.data());
  }
  per_service(state, f);
  state.counters["reached_per_source"] = static_cast<double>(reached_total) / static_cast<double>(sources.size());
}

void register_size(std::size_t units, bench::Shape shape) {
  const bool giant = shape == bench::Shape::giant;
  auto name = [&](const char *what) {
    std::string out(what);
    out.append(giant ? "/giant/" : "/local/").append(std::to_string(units));
    return out;
  };
  const bool big = units >= 1'000'000;
  const auto ms = benchmark::kMillisecond;
  benchmark::RegisterBenchmark(name("load_json").c_str(), BM_load_json, units, shape)->Unit(ms)->Iterations(big ? 2 : 5)->UseRealTime();
  benchmark::RegisterBenchmark(name("graph_freeze").c_str(), BM_graph_freeze, units, shape)->Unit(ms)->Iterations(big ? 2 : 5);
  benchmark::RegisterBenchmark(name("csr_sweep_baseline").c_str(), BM_csr_sweep_baseline, units, shape)->Unit(ms)->Iterations(big ? 10 : 50);
  benchmark::RegisterBenchmark(name("propagate_linear").c_str(), BM_propagate, units, shape, PropagationModel::linear)
      ->Unit(ms)->Iterations(big ? 5 : 20);
  benchmark::RegisterBenchmark(name("propagate_geometric").c_str(), BM_propagate, units, shape, PropagationModel::geometric)
      ->Unit(ms)->Iterations(big ? 5 : 20);
  benchmark::RegisterBenchmark(name("impact_linear").c_str(), BM_impact, units, shape, PropagationModel::linear)
      ->Unit(ms)->Iterations(big ? 5 : 20);
  benchmark::RegisterBenchmark(name("impact_geometric").c_str(), BM_impact, units, shape, PropagationModel::geometric)
      ->Unit(ms)->Iterations(big ? 5 : 20);
  benchmark::RegisterBenchmark(name("weakest_upstream").c_str(), BM_weakest_upstream, units, shape)->Unit(ms)->Iterations(big ? 3 : 10);
  benchmark::RegisterBenchmark(name("customer_distance").c_str(), BM_customer_distance, units, shape)->Unit(ms)->Iterations(big ? 3 : 10);
  benchmark::RegisterBenchmark(name("scc").c_str(), BM_scc, units, shape)->Unit(ms)->Iterations(big ? 3 : 10);
  benchmark::RegisterBenchmark(name("articulation_bridges").c_str(), BM_articulation_bridges, units, shape)
      ->Unit(ms)->Iterations(big ? 2 : 5);
  benchmark::RegisterBenchmark(name("bfs_baseline_256_1thread").c_str(), BM_bfs_baseline, units, shape)->Unit(ms)->Iterations(1);
  benchmark::RegisterBenchmark(name("betweenness_paths_2threads").c_str(), BM_betweenness_estimate, units, shape,
                               BetweennessEstimate::paths, 2u)->Unit(ms)->Iterations(big ? 1 : 3)->UseRealTime();
  benchmark::RegisterBenchmark(name("betweenness_paths_1thread").c_str(), BM_betweenness_estimate, units, shape,
                               BetweennessEstimate::paths, 1u)->Unit(ms)->Iterations(1);
  benchmark::RegisterBenchmark(name("betweenness_kadabra_2threads").c_str(), BM_betweenness_estimate, units, shape,
                               BetweennessEstimate::kadabra, 2u)->Unit(ms)->Iterations(1)->UseRealTime();
  benchmark::RegisterBenchmark(name("betweenness_sampled256_1thread").c_str(), BM_betweenness, units, shape, false, 1u)
      ->Unit(ms)->Iterations(1);
  benchmark::RegisterBenchmark(name("betweenness_sampled256_2threads").c_str(), BM_betweenness, units, shape, false, 2u)
      ->Unit(ms)->Iterations(1)->UseRealTime();
  if (units <= 10'000)
    benchmark::RegisterBenchmark(name("betweenness_exact_2threads").c_str(), BM_betweenness, units, shape, true, 2u)
        ->Unit(ms)->Iterations(1)->UseRealTime();
}

void register_all() {
  for (std::size_t units : bench::organization_sizes())
    for (bench::Shape shape : {bench::Shape::local, bench::Shape::giant}) register_size(units, shape);
}

const bool registered = (register_all(), true);

}  // namespace
